using System.ComponentModel.DataAnnotations;

namespace Bus.Messaging.Transport;

/// <summary>Which broker to use and how to reach it (configuration section <c>Bus</c>).</summary>
public sealed class BusTransportOptions
{
    public const string SectionName = "Bus";

    /// <summary><c>InMemory</c> (default) or <c>RabbitMq</c>.</summary>
    public TransportKind Transport { get; set; } = TransportKind.InMemory;

    [Required]
    [Microsoft.Extensions.Options.ValidateObjectMembers]
    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>Prefix for queue and exchange names, to keep environments or test runs apart on one broker.</summary>
    [RegularExpression("^[a-z0-9-]*$")]
    public string? EndpointPrefix { get; set; }
}
