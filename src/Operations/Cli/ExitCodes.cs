namespace Bus.Operations.Cli;

/// <summary>The operator CLI's exit statuses, with the same meanings as the stream bridge's.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done (or, for a dry run or a listing, looked at).</summary>
    public const int Success = 0;

    /// <summary>At least one message could not be moved; it is still in the error queue, and the error says why.</summary>
    public const int MessagesFailed = 1;

    /// <summary>Bad arguments or configuration, a broker that cannot be reached, or a queue that does not exist.</summary>
    public const int InvalidInput = 2;
}
