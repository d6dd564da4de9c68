namespace Bus.StreamBridge.Pipeline;

/// <summary>The result of translating one record.</summary>
public sealed record TranslatedChange(ChangeOutcome Outcome, IReadOnlyList<OutgoingEvent> Events)
{
    public static TranslatedChange Unrouted { get; } = new(ChangeOutcome.Unrouted, []);

    public static TranslatedChange ItemGone { get; } = new(ChangeOutcome.ItemGone, []);
}
