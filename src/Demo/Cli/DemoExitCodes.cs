namespace Bus.Demo.Cli;

/// <summary>The demo's exit statuses (0–2 as the bridge CLI's).</summary>
public static class DemoExitCodes
{
    /// <summary>Every record published, every message consumed, nothing faulted.</summary>
    public const int Success = 0;

    /// <summary>A record could not be published: kept in the failed-record store or left for Lambda to retry.</summary>
    public const int RecordsFailed = 1;

    /// <summary>Bad arguments, or a path that is not a batch file or a directory of them.</summary>
    public const int InvalidInput = 2;

    /// <summary>A service faulted a message, or did not finish within the time-out.</summary>
    public const int ServicesFailed = 3;

    /// <summary>Ctrl+C: stopped early, the counts would be incomplete.</summary>
    public const int Cancelled = 130;
}
