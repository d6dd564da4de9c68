using MassTransit;

namespace Bus.Messaging.Outbox;

/// <summary>The settings of <c>UseBusOutbox</c>.</summary>
public interface IEntityFrameworkBusOutboxConfigurator : IBusOutboxConfigurator
{
    /// <summary>How many messages of one outbox scope are delivered per transaction (default 100).</summary>
    int MessageDeliveryLimit { get; set; }

    /// <summary>How long the broker may take to accept one message (default 10 s).</summary>
    TimeSpan MessageDeliveryTimeout { get; set; }
}
