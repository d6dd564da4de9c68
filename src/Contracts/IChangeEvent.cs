using MassTransit;

namespace Bus.Contracts;

/// <summary>
/// Implemented by every event the bridge publishes from a DynamoDB change. Gives uniform access to the change
/// metadata, e.g. for a filter or an observer that records latency or applies per-item ordering.
/// </summary>
/// <remarks>
/// <para>
/// Marked <see cref="ExcludeFromTopologyAttribute"/>: no exchange or topic is created for this interface, so it
/// cannot be subscribed to on its own; subscribe to the concrete event types.
/// </para>
/// <para>
/// Versioning policy for all of <c>Bus.Contracts</c>: changes are additive only (new optional, nullable members,
/// never <c>required</c>, because the System.Text.Json serializer rejects a message that lacks a required member).
/// A breaking change is a new type (<c>…V2</c>) that is published alongside the old one for a deprecation window.
/// Namespaces and message URNs never move.
/// </para>
/// </remarks>
[ExcludeFromTopology]
public interface IChangeEvent
{
    /// <summary>The DynamoDB change this event was translated from.</summary>
    ChangeMetadata Change { get; }
}
