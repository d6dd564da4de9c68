using System.Globalization;
using Bus.Operations.ErrorQueues;

namespace Bus.Operations.Cli;

/// <summary>The text the error-queue commands print.</summary>
internal static class ErrorQueueReport
{
    public static async Task<int> ListAsync(ErrorQueueMover mover, ErrorQueueNames queues, ErrorQueueArguments arguments, TextWriter output)
    {
        var result = await mover.ListAsync(queues, arguments.Count, arguments.MessageType, CancellationToken.None);
        var listed = result.Messages.Where(m => m.Fate == MessageFate.WouldMove).ToList();
        foreach (var examined in listed)
        {
            var message = examined.Message;
            await output.WriteLineAsync(Invariant($"#{message.Position}  {Identify(message)}"));
            await output.WriteLineAsync(Invariant(
                $"    fault: {message.ExceptionType ?? "-"}: {message.ExceptionMessage ?? "-"} (MT-Reason {message.Reason ?? "-"})"));
            await output.WriteLineAsync(Invariant(
                $"    faulted at {message.FaultedAt ?? "-"} in {message.ConsumerType ?? "-"}; retried {message.RetryCount}, redelivered {message.RedeliveryCount}, moved back before {message.MoveCount}"));
        }

        var filter = arguments.MessageType is null ? string.Empty : Invariant($" of type {arguments.MessageType}");
        await output.WriteLineAsync(Invariant(
            $"{queues.ErrorQueue}: {result.Found} messages, listed {listed.Count}{filter} (nothing changed)"));
        return ExitCodes.Success;
    }

    public static async Task<int> MoveAsync(ErrorQueueMover mover, MoveRequest request, TextWriter output, TextWriter error)
    {
        var result = await mover.MoveAsync(request, examined => examined.Fate switch
        {
            MessageFate.Moved => output.WriteLineAsync(Invariant($"moved #{examined.Message.Position}  {Identify(examined.Message)}")),
            MessageFate.WouldMove => output.WriteLineAsync(Invariant($"would move #{examined.Message.Position}  {Identify(examined.Message)}")),
            MessageFate.Failed => error.WriteLineAsync(Invariant(
                $"error: not moved, left in {request.Queues.ErrorQueue}: #{examined.Message.Position}  {Identify(examined.Message)}: {examined.Problem}")),
            _ => Task.CompletedTask,
        }, CancellationToken.None);

        var summary = Invariant($"{request.Queues.ErrorQueue}: found {result.Found}, ") + (request.DryRun
            ? Invariant($"would move {result.WouldMove} to {request.Queues.Queue}")
            : Invariant($"moved {result.Moved} to {request.Queues.Queue}"));
        if (result.OtherType > 0)
        {
            summary += Invariant($", left {result.OtherType} of other types");
        }

        if (result.Failed > 0)
        {
            summary += Invariant($", failed {result.Failed}");
        }

        await output.WriteLineAsync(request.DryRun ? summary + " (dry run: nothing changed)" : summary);
        return result.Failed > 0 ? ExitCodes.MessagesFailed : ExitCodes.Success;
    }

    private static string Identify(ErrorQueueMessage message) =>
        $"{message.MessageId ?? "(no message id)"}  {(message.MessageTypes.Count > 0 ? message.MessageTypes[0] : "(unknown type)")}";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
