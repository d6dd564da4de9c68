namespace Bus.StreamBridge.Cli;

/// <summary>The CLI's exit statuses.</summary>
public static class ExitCodes
{
    /// <summary>Every record succeeded (or was skipped by configuration).</summary>
    public const int Success = 0;

    /// <summary>At least one record failed; the errors name them.</summary>
    public const int RecordsFailed = 1;

    /// <summary>Bad arguments, unreadable file, or input that is not a stream event at all.</summary>
    public const int InvalidInput = 2;
}
