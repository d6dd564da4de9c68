using System.Globalization;

namespace Bus.Operations.Cli;

/// <summary><c>error-queue &lt;list|move&gt; QUEUE [--dry-run] [--count N] [--filter-message-type URN] [--Section:Key=value …]</c>.</summary>
/// <param name="Command"><c>list</c> or <c>move</c>.</param>
/// <param name="Queue">The service's queue or its error queue.</param>
/// <param name="DryRun">Move: count and list only.</param>
/// <param name="Count">At most this many messages.</param>
/// <param name="MessageType">Only messages of this type URN.</param>
/// <param name="Overrides">Configuration overrides (<c>--Bus:RabbitMq:Host=…</c>).</param>
internal sealed record ErrorQueueArguments(
    string Command, string Queue, bool DryRun, int? Count, string? MessageType, IReadOnlyList<string> Overrides)
{
    /// <summary>Parses the arguments after <c>error-queue</c>; the problem when they are wrong.</summary>
    public static (ErrorQueueArguments? Arguments, string? Problem) Parse(string[] args)
    {
        if (args is not [("list" or "move") and var command, var queue, .. var rest] || queue.StartsWith('-'))
        {
            return (null, args is [("list" or "move"), ..] || args.Length == 0 ? "a queue name is needed" : $"unknown command '{args[0]}'");
        }

        var (dryRun, count, messageType, overrides) = (false, (int?)null, (string?)null, new List<string>());
        for (var i = 0; i < rest.Length; i++)
        {
            var equals = rest[i].IndexOf('=', StringComparison.Ordinal);
            var (name, value) = equals < 0 ? (rest[i], null) : (rest[i][..equals], rest[i][(equals + 1)..]);
            switch (name)
            {
                case "--dry-run" when value is null && command == "move":
                    dryRun = true;
                    break;
                case "--count":
                    value ??= i + 1 < rest.Length && !rest[i + 1].StartsWith("--", StringComparison.Ordinal) ? rest[++i] : null;
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                    {
                        return (null, $"--count needs a whole number of at least 1, not '{value}'");
                    }

                    count = n;
                    break;
                case "--filter-message-type":
                    value ??= i + 1 < rest.Length && !rest[i + 1].StartsWith("--", StringComparison.Ordinal) ? rest[++i] : null;
                    if (value is null || !value.StartsWith("urn:message:", StringComparison.Ordinal))
                    {
                        return (null, $"--filter-message-type needs a message type URN (urn:message:Namespace:Type), not '{value}'");
                    }

                    messageType = value;
                    break;
                default:
                    if (!name.StartsWith("--", StringComparison.Ordinal) || value is null || !name.Contains(':', StringComparison.Ordinal))
                    {
                        return (null, $"unknown argument '{rest[i]}'");
                    }

                    overrides.Add(rest[i]);
                    break;
            }
        }

        return (new ErrorQueueArguments(command, queue, dryRun, count, messageType, overrides), null);
    }
}
