using Bus.StandIns.Recording;

namespace Bus.FaultInjection.Tests;

/// <summary>Everything a run measured and found, for the specs to check and the report to print.</summary>
public sealed class RunOutcome
{
    public required string Name { get; init; }

    public required string Directory { get; init; }

    public required int Seed { get; init; }

    /// <summary>Set when the run could not be carried out (a server or service did not start, the limit passed).</summary>
    public string? Failure { get; set; }

    public TimeSpan Elapsed { get; set; }

    public TimeSpan StartupTime { get; set; }

    public TimeSpan GenerationTime { get; set; }

    /// <summary>From every record acknowledged and every fault over (restarted processes ready) to every expected effect
    /// in and every queue empty.</summary>
    public TimeSpan SettleTime { get; set; }

    public bool Settled { get; set; }

    public long Changes { get; set; }

    public string GeneratorSummary { get; set; } = string.Empty;

    public IReadOnlyDictionary<string, ExpectedEffect> Expected { get; set; } = new Dictionary<string, ExpectedEffect>();

    public IReadOnlyDictionary<string, SystemEffects> Performed { get; set; } = new Dictionary<string, SystemEffects>();

    public List<ExpectedEffect> Missing { get; } = [];

    public List<RecordedEffect> Unexpected { get; } = [];

    /// <summary>Keys a stand-in recorded more than once (the ledger should make that impossible: a check of the count).</summary>
    public List<string> Doubled { get; } = [];

    public List<string> OrderViolations { get; } = [];

    /// <summary>Messages the bridge got to the broker (copies included), and how many were copies.</summary>
    public long PublishedMessages { get; set; }

    public long PublishedCopies { get; set; }

    /// <summary>Items whose changes reached the broker out of stream order (first copies compared).</summary>
    public List<string> PublishOrderViolations { get; } = [];

    public List<(string Name, long Ready, long Unacknowledged)> Queues { get; } = [];

    /// <summary>What is in the <c>_error</c> queues: queue, fault type and message of each message.</summary>
    public List<string> ErrorQueueMessages { get; } = [];

    public int ReadModelRowsChecked { get; set; }

    public List<string> ReadModelMismatches { get; } = [];

    /// <summary>Copies the inboxes dropped: receipts of a message already consumed, per service schema.</summary>
    public Dictionary<string, long> InboxDuplicates { get; } = [];

    public long RecordsDelivered { get; set; }

    public long Invocations { get; set; }

    public long PartialFailures { get; set; }

    public long FunctionErrors { get; set; }

    public long InjectedTimeouts { get; set; }

    public long RecordsRedelivered { get; set; }

    public long KinesisCopies { get; set; }

    public long KinesisSwaps { get; set; }

    public List<string> ProtocolProblems { get; } = [];

    public long InjectedPublishErrors { get; set; }

    public long InjectedPublishHangs { get; set; }

    /// <summary>Failed records the bridge kept (none expected: every generated record is valid).</summary>
    public int StoredRecords { get; set; }

    public List<string> FaultLog { get; } = [];

    public int Kills { get; set; }

    /// <summary>Service processes that exited without being killed or stopped (each started again, as a restart policy
    /// would): during start-up (e.g. PostgreSQL restarted while it migrated) or while running.</summary>
    public List<string> UnexpectedExits { get; } = [];

    public List<string> LeftProcesses { get; } = [];

    public string Report { get; set; } = string.Empty;
}
