using System.Diagnostics;

namespace Bus.EndToEnd.Stack;

/// <summary>
/// <c>rabbitmqctl</c> on the local node, as <c>scripts/stack.sh</c> uses it: a virtual host per run (the bridge
/// publishes to the contract exchanges, which every run on one virtual host would share) and the run's queue depths.
/// Each call starts an Erlang VM (seconds of CPU), so it is called only before and after the measured phase.
/// </summary>
internal sealed class RabbitMqCtl
{
    private readonly string? _node;

    private RabbitMqCtl(string? node) => _node = node;

    /// <summary>Creates <paramref name="vhost"/> on the first node that answers (<c>BUS_RABBITMQ_NODE</c>, else
    /// <c>rabbit@localhost</c> as scripts/servers.sh names it, else the default node) and grants <paramref name="user"/> on it.</summary>
    public static async Task<RabbitMqCtl> CreateVirtualHostAsync(string vhost, string user, string? node, CancellationToken cancellationToken)
    {
        string?[] candidates = node is null ? ["rabbit@localhost", null] : [node];
        var errors = new List<string>();
        foreach (var candidate in candidates)
        {
            var ctl = new RabbitMqCtl(candidate);
            var (code, _, error) = await ctl.RunAsync(cancellationToken, "add_vhost", vhost);
            if (code == 0)
            {
                await ctl.CheckedAsync(cancellationToken, "set_permissions", "-p", vhost, user, ".*", ".*", ".*");
                return ctl;
            }

            errors.Add($"{candidate ?? "default node"}: {error.Trim()}");
        }

        throw new InvalidOperationException($"rabbitmqctl could not create virtual host {vhost} ({string.Join("; ", errors)}); " +
            "this run needs a local RabbitMQ that rabbitmqctl can manage (scripts/servers.sh starts one)");
    }

    public async Task DeleteVirtualHostAsync(string vhost) => await RunAsync(CancellationToken.None, "delete_vhost", vhost);

    /// <summary>Every queue of <paramref name="vhost"/>: name, messages ready, messages unacknowledged.</summary>
    public async Task<IReadOnlyList<(string Name, long Ready, long Unacked)>> ListQueuesAsync(string vhost, CancellationToken cancellationToken)
    {
        var output = await CheckedAsync(cancellationToken, "list_queues", "-p", vhost, "name", "messages_ready", "messages_unacknowledged", "--no-table-headers");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t', ' '))
            .Where(parts => parts.Length >= 3)
            .Select(parts => (parts[0], long.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }

    private async Task<string> CheckedAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var (code, output, error) = await RunAsync(cancellationToken, arguments);
        return code == 0 ? output : throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({code}): {error.Trim()}");
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (_node is not null)
        {
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add(_node);
        }

        start.ArgumentList.Add("-q");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start rabbitmqctl");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
