namespace Bus.StreamBridge.Translation;

/// <summary>Which images a translator needs for one kind of change.</summary>
[Flags]
public enum ImageNeeds
{
    /// <summary>The key attributes are enough.</summary>
    KeysOnly = 0,

    /// <summary>The item after the change.</summary>
    NewImage = 1,

    /// <summary>The item before the change.</summary>
    OldImage = 2,

    /// <summary>Both images.</summary>
    NewAndOldImages = NewImage | OldImage,
}
