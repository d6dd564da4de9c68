using Bus.Contracts;

namespace Bus.Messaging.Idempotency;

/// <summary>
/// Idempotency keys for external effects, derived from the source event and the kind of effect. They outlive any
/// inbox window: a stream record replayed a month later yields the same key, and the external system (and our own
/// effect tables) drop the repeat.
/// </summary>
public static class EffectKeys
{
    /// <summary><c>&lt;effect&gt;:&lt;StreamEventId&gt;:&lt;event type&gt;</c>, e.g.
    /// <c>marketing-contact:4f1c…:CustomerEmailChanged</c>. The event type is part of it because one change can
    /// raise several events that each cause the same kind of effect.</summary>
    public static string For(string effect, IChangeEvent source)
    {
        ArgumentException.ThrowIfNullOrEmpty(effect);
        ArgumentNullException.ThrowIfNull(source);
        return $"{effect}:{source.Change.StreamEventId}:{source.GetType().Name}";
    }
}
