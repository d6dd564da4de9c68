using Bus.Contracts;

namespace Bus.StreamBridge.Translation;

/// <summary>The images a translator needs per kind of change, checked against the stream's view type at start-up
/// and for every record.</summary>
public sealed record TranslatorRequirements(ImageNeeds Insert, ImageNeeds Modify, ImageNeeds Remove)
{
    /// <summary>A translator that works on whatever the stream sends.</summary>
    public static TranslatorRequirements None { get; } = new(ImageNeeds.KeysOnly, ImageNeeds.KeysOnly, ImageNeeds.KeysOnly);

    public ImageNeeds For(ChangeKind kind) => kind switch
    {
        ChangeKind.Insert => Insert,
        ChangeKind.Modify => Modify,
        ChangeKind.Remove => Remove,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
