using Bus.StreamBridge.Translation;

namespace Bus.StreamBridge.Records;

/// <summary>Wire names of <see cref="StreamViewType"/> and which images each view carries.</summary>
public static class StreamViewTypes
{
    public static bool TryParse(string? text, out StreamViewType viewType)
    {
        (var ok, viewType) = text switch
        {
            "KEYS_ONLY" => (true, StreamViewType.KeysOnly),
            "NEW_IMAGE" => (true, StreamViewType.NewImage),
            "OLD_IMAGE" => (true, StreamViewType.OldImage),
            "NEW_AND_OLD_IMAGES" => (true, StreamViewType.NewAndOldImages),
            _ => (false, default),
        };
        return ok;
    }

    public static string WireName(StreamViewType viewType) => viewType switch
    {
        StreamViewType.KeysOnly => "KEYS_ONLY",
        StreamViewType.NewImage => "NEW_IMAGE",
        StreamViewType.OldImage => "OLD_IMAGE",
        StreamViewType.NewAndOldImages => "NEW_AND_OLD_IMAGES",
        _ => throw new ArgumentOutOfRangeException(nameof(viewType), viewType, null),
    };

    /// <summary>The images a stream of this view type carries.</summary>
    public static ImageNeeds Carries(StreamViewType viewType) => viewType switch
    {
        StreamViewType.KeysOnly => ImageNeeds.KeysOnly,
        StreamViewType.NewImage => ImageNeeds.NewImage,
        StreamViewType.OldImage => ImageNeeds.OldImage,
        StreamViewType.NewAndOldImages => ImageNeeds.NewAndOldImages,
        _ => throw new ArgumentOutOfRangeException(nameof(viewType), viewType, null),
    };

    /// <summary>The weakest view type that carries <paramref name="needs"/>, named for error messages.</summary>
    public static string Naming(ImageNeeds needs) => needs switch
    {
        ImageNeeds.NewAndOldImages => "NEW_AND_OLD_IMAGES",
        ImageNeeds.NewImage => "NEW_IMAGE or NEW_AND_OLD_IMAGES",
        ImageNeeds.OldImage => "OLD_IMAGE or NEW_AND_OLD_IMAGES",
        _ => "KEYS_ONLY",
    };
}
