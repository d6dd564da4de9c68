using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Bus.Messaging.Transport;

/// <summary>Which broker to use and how to reach it (configuration section <c>Bus</c>).</summary>
public sealed class BusTransportOptions
{
    public const string SectionName = "Bus";

    /// <summary><c>InMemory</c> (default) or <c>RabbitMq</c>.</summary>
    public TransportKind Transport { get; set; } = TransportKind.InMemory;

    // [ValidateObjectMembers]: data annotations skip a nested object's own rules unless told to look inside.
    [Required]
    [ValidateObjectMembers]
    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>Prefix for queue names, to keep test runs apart on one broker. The contracts' exchanges keep their names,
    /// so environments need a virtual host each.</summary>
    [RegularExpression("^[a-z0-9-]*$")]
    public string? EndpointPrefix { get; set; }

    /// <summary>
    /// How long a consumer service waits for its bus to start (every receive endpoint connected) before it exits with code
    /// 75 to be started again (<see cref="Hosting.BusStartWatchdog"/>). Longer than a broker restart takes; zero waits for
    /// ever.
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
