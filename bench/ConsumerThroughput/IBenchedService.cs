namespace Bus.ConsumerThroughput;

/// <summary>
/// One consumer service under benchmark. Adding a service (e.g. Notifications) is one more implementation and one more case in
/// <see cref="BenchedServices"/>.
/// </summary>
public interface IBenchedService
{
    string Name { get; }

    /// <summary>The configuration section of the external system the gateway calls (<c>ExternalSystems:&lt;name&gt;</c>).</summary>
    string ExternalSystem { get; }

    /// <summary>The domain queue (the inbox/outbox endpoint) and every queue the service declares, under a prefix.</summary>
    string DomainQueue(string prefix);

    IReadOnlyList<string> Queues(string prefix);

    /// <summary>The service's real registration: <c>Add&lt;Service&gt;Core</c> + <c>AddBus(…Add&lt;Service&gt;Consumers)</c>.</summary>
    void AddWithInboxOutbox(IServiceCollection services, IConfiguration configuration);

    /// <summary>The same consumers, definitions and DbContext, but the domain endpoint has no <c>UseEntityFrameworkOutbox</c>.</summary>
    void AddWithoutInboxOutbox(IServiceCollection services, IConfiguration configuration);

    /// <summary>Deterministic events of the kinds the domain endpoint consumes, each on its own entity.</summary>
    IReadOnlyList<BenchEvent> Events(int count);

    /// <summary>Row counts of the service's own tables after the run, named, for the correctness check.</summary>
    Task<IReadOnlyDictionary<string, int>> RowCounts(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>The row counts <see cref="RowCounts"/> must show once all <paramref name="events"/> were applied.</summary>
    IReadOnlyDictionary<string, int> ExpectedRowCounts(IReadOnlyList<BenchEvent> events);

    /// <summary>The calls the external system must receive, each with its own idempotency key, once all <paramref name="events"/> were applied.</summary>
    int ExpectedCalls(IReadOnlyList<BenchEvent> events);
}
