using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bus.TestSupport;

/// <summary>Keeps every formatted log line (with its exception text), to show what a service writes to logs.</summary>
public sealed class LogCollector : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    /// <summary>
    /// Fails naming every line that contains one of <paramref name="personalData"/> (ordinal), so a failure shows what leaked
    /// and where. The values should be whole values, not fragments that a GUID, a port or a duration could contain by chance.
    /// </summary>
    public void AssertNoLineContains(params string[] personalData)
    {
        Xunit.Assert.NotEmpty(Lines);
        var leaks = Lines.Where(l => personalData.Any(p => l.Contains(p, StringComparison.Ordinal))).ToList();
        Xunit.Assert.True(leaks.Count == 0, $"{leaks.Count} of {Lines.Count} log lines contain personal data:\n{string.Join("\n", leaks)}");
    }

    public void Dispose()
    {
    }

    private sealed class Collector(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
