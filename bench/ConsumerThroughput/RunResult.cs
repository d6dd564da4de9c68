namespace Bus.ConsumerThroughput;

/// <summary>
/// One measured run: domain messages consumed and committed per second, and external calls per second over the same window,
/// and messages per CPU-second of the benchmark process (service + stand-in; PostgreSQL and RabbitMQ not included); then, after
/// the gateway drained, what the stand-in received, and the same two rates up to the last external call (the whole work of
/// every message, which counts the gateway's backlog when it lags behind the domain endpoint). <paramref name="BytesPerMessage"/>:
/// what the benchmark process allocated in the window per domain message (the gateway's work in the window included).
/// </summary>
public sealed record RunResult(string Service, string Mode, int Messages, TimeSpan Elapsed, double MessagesPerSecond,
    int ExternalCalls, double CallsPerSecond, int Faulted, bool RowsMatch, double MessagesPerCpuSecond, string Rows, ExternalCallCheck Effects,
    double MessagesPerSecondWithEffects, double MessagesPerCpuSecondWithEffects, long BytesPerMessage)
{
    /// <summary>No faulted message, the expected rows, and each expected external call exactly once.</summary>
    public bool Ok => Faulted == 0 && RowsMatch && Effects.Ok;
}
