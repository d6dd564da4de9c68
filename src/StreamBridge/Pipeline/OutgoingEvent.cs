using Bus.Contracts;

namespace Bus.StreamBridge.Pipeline;

/// <summary>A translated event with its deterministic message id, ready to publish.</summary>
public readonly record struct OutgoingEvent(Guid MessageId, IChangeEvent Message);
