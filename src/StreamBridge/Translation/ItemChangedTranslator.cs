using Bus.Contracts;
using Bus.Contracts.Items;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Translation;

/// <summary>The generic event a table opts into: the images as plain JSON and the names of changed attributes.</summary>
public sealed class ItemChangedTranslator : IChangeTranslator
{
    public string Name => "ItemChanged";

    public TranslatorRequirements Requirements => TranslatorRequirements.None;

    public void Translate(in ChangeInput change, ICollection<IChangeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        events.Add(new ItemChanged
        {
            Change = change.Metadata,
            TableName = change.Metadata.SourceTable,
            Keys = PlainJsonWriter.ToJson(change.Keys),
            OldImage = change.OldImage is null ? null : PlainJsonWriter.ToJson(change.OldImage),
            NewImage = change.NewImage is null ? null : PlainJsonWriter.ToJson(change.NewImage),
            ChangedAttributes = ChangedAttributes(change),
            ExpiredByTtl = change.IsTtlExpiry,
        });
    }

    private static string[] ChangedAttributes(in ChangeInput change)
    {
        var (oldImage, newImage) = (change.OldImage, change.NewImage);
        if (change.Kind != ChangeKind.Modify)
        {
            return (newImage ?? oldImage)?.Names.ToArray() ?? [];
        }

        if (oldImage is null || newImage is null)
        {
            return [];
        }

        var changed = new List<string>();
        foreach (var name in newImage.Names)
        {
            if (!oldImage.TryGetValue(name, out var before) || !before.Equals(newImage[name]))
            {
                changed.Add(name);
            }
        }

        foreach (var name in oldImage.Names)
        {
            if (!newImage.Contains(name))
            {
                changed.Add(name);
            }
        }

        return [.. changed];
    }
}
