namespace Bus.Messaging.Transport;

/// <summary>The broker a service talks to (configuration <c>Bus:Transport</c>).</summary>
public enum TransportKind
{
    /// <summary>MassTransit's in-memory transport: the embedded one-process default and tests.</summary>
    InMemory,

    /// <summary>RabbitMQ (Amazon MQ for RabbitMQ on AWS), with publisher confirms.</summary>
    RabbitMq,
}
