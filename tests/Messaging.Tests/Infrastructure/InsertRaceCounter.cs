using Bus.Messaging.Tests.Outbox;
using Microsoft.Extensions.Logging;

namespace Bus.Messaging.Tests.Infrastructure;

/// <summary>
/// Counts the inbox's "inserted by another instance first" log events, so a test can show the unique-violation race between
/// instances really happened and was retried rather than failing the message.
/// </summary>
public sealed class InsertRaceCounter(TestProbe probe) : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Name == "LogInsertRaceLost")
            Interlocked.Increment(ref probe.InsertRacesLost);
    }

    public void Dispose()
    {
    }
}
