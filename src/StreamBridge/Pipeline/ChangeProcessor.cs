using Bus.Contracts;
using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Enrichment;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Routing;
using Bus.StreamBridge.Translation;

namespace Bus.StreamBridge.Pipeline;

/// <summary>
/// Routes one record, completes its images when configured to, translates it and assigns message ids. Everything
/// here is deterministic for a given record and table state, which is what makes re-publishing safe.
/// </summary>
public sealed class ChangeProcessor(TableRouter router, ItemChangedTranslator itemChanged, IItemReader? itemReader = null)
{
    /// <exception cref="TranslationException">The record can never be translated (schema mismatch, or the stream
    /// lacks an image the translator needs).</exception>
    /// <exception cref="ArgumentException">The record's images were left for later (<see cref="ChangeRecord.ImagesDeferred"/>):
    /// translated as it is, it would look like a record without images.</exception>
    public async ValueTask<TranslatedChange> TranslateAsync(ChangeRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ImagesDeferred)
        {
            throw new ArgumentException($"{record.Describe()}: its images are not decoded yet; translate what ChangeRecord.DecodeFully() returns", nameof(record));
        }

        var (table, translator) = router.Resolve(record);
        if (table is null || (translator is null && !table.PublishItemChanged))
        {
            return TranslatedChange.Unrouted;
        }

        var newImage = record.NewImage;
        if (translator is not null)
        {
            var needs = translator.Requirements.For(record.Kind);
            if ((needs & ImageNeeds.OldImage) != 0 && record.OldImage is null)
            {
                throw MissingImage(translator, record, needs);
            }

            if ((needs & ImageNeeds.NewImage) != 0 && newImage is null)
            {
                if (table.Enrichment != EnrichmentMode.GetItem || itemReader is null)
                {
                    throw MissingImage(translator, record, needs);
                }

                newImage = await itemReader.GetItemAsync(record.TableName, record.Keys, cancellationToken);
                if (newImage is null)
                {
                    return TranslatedChange.ItemGone;
                }
            }
        }

        var input = new ChangeInput(record.Kind, record.Keys, record.OldImage, newImage, record.IsTtlExpiry,
            Metadata(record, table, newImage));
        // One list per thread, used only synchronously from here to the end of the method (after the await above).
        var events = _events ??= new List<IChangeEvent>(4);
        try
        {
            Translate(translator, table, input, events);
            return events.Count == 0 ? NothingToPublish : new TranslatedChange(ChangeOutcome.Translated, Identified(record, events));
        }
        finally
        {
            events.Clear();
        }
    }

    private static readonly TranslatedChange NothingToPublish = new(ChangeOutcome.Translated, []);

    [ThreadStatic]
    private static List<IChangeEvent>? _events;

    private void Translate(IChangeTranslator? translator, TableRoute table, in ChangeInput input, List<IChangeEvent> events)
    {
        try
        {
            translator?.Translate(input, events);
            if (table.PublishItemChanged)
            {
                itemChanged.Translate(input, events);
            }
        }
        catch (Exception e) when (e is not TranslationException)
        {
            // A translator bug fails the same way on every retry: keep the record for replay after the fix.
            throw new TranslationException($"translator {translator?.Name ?? itemChanged.Name} threw {e.GetType().Name}", e);
        }
    }

    private static OutgoingEvent[] Identified(ChangeRecord record, List<IChangeEvent> events)
    {
        var outgoing = new OutgoingEvent[events.Count];
        for (var i = 0; i < outgoing.Length; i++)
        {
            outgoing[i] = new OutgoingEvent(MessageIds.For(record.EventId, events[i].GetType(), i), events[i]);
        }

        return outgoing;
    }

    private static ChangeMetadata Metadata(ChangeRecord record, TableRoute table, AttributeMap? newImage) => new()
    {
        SourceTable = record.TableName,
        StreamEventId = record.EventId,
        SequenceNumber = record.Checkpoint.Value,
        ApproximateCreationTime = record.ApproximateCreationTime,
        EntityKey = record.ItemKey,
        ItemVersion = Image.OptionalInt64(record.Kind == ChangeKind.Remove ? record.OldImage : newImage, table.VersionAttribute),
        ChangeKind = record.Kind,
        Source = record.Source,
    };

    private static TranslationException MissingImage(IChangeTranslator translator, ChangeRecord record, ImageNeeds needs) =>
        new($"translator {translator.Name} needs stream view type {StreamViewTypes.Naming(needs)} for " +
            $"{record.Kind.ToString().ToUpperInvariant()} records; this record's stream is " +
            $"{(record.ViewType is { } view ? StreamViewTypes.WireName(view) : "unknown")}");
}
