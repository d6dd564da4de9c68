using System.ComponentModel.DataAnnotations;

namespace Bus.Messaging.Transport;

/// <summary>RabbitMQ connection (configuration <c>Bus:RabbitMq</c>).</summary>
public sealed class RabbitMqOptions
{
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    [Required]
    public string VirtualHost { get; set; } = "/";

    [Required]
    public string Username { get; set; } = "guest";

    [Required]
    public string Password { get; set; } = "guest";

    /// <summary>Connect with TLS (Amazon MQ requires it, on port 5671).</summary>
    public bool UseTls { get; set; }

    /// <summary>Name the connection shows in the management UI.</summary>
    public string? ConnectionName { get; set; }
}
