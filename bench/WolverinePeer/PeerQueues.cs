using Bus.Consumers.Marketing;
using Bus.TestSupport;
using Wolverine;
using Wolverine.RabbitMQ;

namespace Bus.WolverinePeer;

/// <summary>
/// One run's broker objects: the domain and gateway queues named as Bus names them (<see cref="MarketingEndpoints"/>) under a
/// fresh prefix, and a dead-letter queue of the run's own instead of Wolverine's shared <c>wolverine-dead-letter-queue</c>.
/// </summary>
public sealed class PeerQueues(string prefix)
{
    private readonly MarketingEndpoints _endpoints = new(prefix);

    public string Prefix => prefix;

    public string Domain => _endpoints.Contacts;

    public string Gateway => _endpoints.PlatformGateway;

    public string DeadLetter => prefix + "-dead-letter";

    /// <summary>Wolverine's address of the domain queue's listener.</summary>
    public Uri DomainUri => new($"rabbitmq://queue/{Domain}");

    public IReadOnlyList<string> All => [Domain, Gateway, DeadLetter];

    /// <summary>The broker connection and queue declarations, the same for the service and the sender, so that both declare
    /// the domain queue with the same arguments.</summary>
    public void UseRabbitMq(WolverineOptions opts, ServerFixture servers)
    {
        ArgumentNullException.ThrowIfNull(opts);
        ArgumentNullException.ThrowIfNull(servers);
        opts.UseRabbitMq(factory =>
            {
                factory.HostName = servers.RabbitHost;
                factory.Port = servers.RabbitPort;
                factory.UserName = servers.RabbitUser;
                factory.Password = servers.RabbitPassword;
                factory.ClientProvidedName = prefix;
            })
            .AutoProvision()
            .CustomizeDeadLetterQueueing(new DeadLetterQueue(DeadLetter));
    }
}
