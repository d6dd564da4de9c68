using RabbitMQ.Client;

namespace Bus.Messaging.Transport;

/// <summary>
/// Plain RabbitMQ.Client connections from the same <c>Bus:RabbitMq</c> settings the buses use, for the operator
/// tools that must work below MassTransit (get without acknowledging, requeue, move between queues).
/// </summary>
public static class RabbitMqConnections
{
    /// <summary>A connection factory for <paramref name="options"/>; <paramref name="clientName"/> is what the
    /// management UI shows when <see cref="RabbitMqOptions.ConnectionName"/> is not set.</summary>
    public static ConnectionFactory CreateFactory(RabbitMqOptions options, string clientName)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ConnectionFactory
        {
            HostName = options.Host,
            Port = options.Port,
            VirtualHost = options.VirtualHost,
            UserName = options.Username,
            Password = options.Password,
            ClientProvidedName = string.IsNullOrEmpty(options.ConnectionName) ? clientName : options.ConnectionName,
            Ssl = new SslOption { Enabled = options.UseTls, ServerName = options.Host },
            // An operator tool holds deliveries unacknowledged while it works; after a lost connection the broker has
            // already put them back, so reconnecting and carrying on with the old delivery tags would be wrong.
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
        };
    }
}
