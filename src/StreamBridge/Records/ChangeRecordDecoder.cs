using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Bus.Contracts;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Records;

/// <summary>
/// Decodes one raw stream record into a <see cref="ChangeRecord"/>. Two documented shapes: the DynamoDB Streams
/// record of a Lambda event, and the Kinesis Lambda record whose base64 <c>data</c> holds a DynamoDB change with
/// <c>tableName</c> and a millisecond or microsecond creation time. Pure: the same bytes give the same record.
/// </summary>
public static class ChangeRecordDecoder
{
    // Fields the decoder skips may nest at any depth without harm (the reader does not recurse); images are held
    // to DynamoDB's 32 levels by the attribute reader, which says so by path.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = int.MaxValue };

    /// <exception cref="DecodingException">The record does not follow the documented format; the message names
    /// the field or attribute path.</exception>
    public static ChangeRecord Decode(RecordSlice slice) =>
        slice.Decoded is { ImagesDeferred: false } decoded ? decoded : Decode(slice, deferImages: false);

    /// <summary>
    /// The handler's first pass over a record: everything but the images, which are only checked to be well-formed
    /// JSON and present where the change and view type require them. The record's <see cref="ChangeRecord.ImagesDeferred"/>
    /// is set; its <see cref="ChangeRecord.DecodeFully"/> gives the whole record, or the error in an image, when the
    /// record's turn comes. A batch then holds its decoded images only while their records
    /// are published, instead of all of them at once.
    /// </summary>
    /// <exception cref="DecodingException">Exactly the error <see cref="Decode(RecordSlice)"/> gives, whenever this
    /// pass finds the record malformed.</exception>
    public static ChangeRecord DecodeDeferringImages(RecordSlice slice)
    {
        if (slice.Decoded is { ImagesDeferred: true } decoded)
        {
            return decoded;
        }

        try
        {
            return Decode(slice, deferImages: true);
        }
        catch (DecodingException)
        {
            // A record with errors in several places reports the first in reading order; this pass skipped the
            // images, so the whole decoder names the error (and throws it, since a skipped image only adds errors).
            return Decode(slice, deferImages: false);
        }
    }

    /// <summary>
    /// Decodes the record that <paramref name="input"/> starts with, for a splitter that finds records and decodes them
    /// in one reading: true with the record and its length in bytes when the input starts with a whole, valid record
    /// object. False when it does not (malformed, or cut off where the input ends): the caller then takes the record's
    /// bytes as it would otherwise, and <see cref="Decode(RecordSlice)"/> of them gives the error. The record's
    /// <see cref="ChangeRecord.Raw"/> is empty until the caller gives it the bytes it keeps (<see cref="ChangeRecord.Rebase"/>).
    /// </summary>
    /// <param name="input">The bytes from the record's opening brace to wherever the caller's buffer ends.</param>
    /// <param name="position">The record's index within its event's Records array.</param>
    /// <param name="deferImages">Decode as <see cref="DecodeDeferringImages"/> does (the images' places are relative to
    /// the record's first byte, so the record's <see cref="ChangeRecord.Raw"/> must start there).</param>
    /// <param name="record">The record, when decoded.</param>
    /// <param name="length">Its length in bytes, from the opening brace to the closing one.</param>
    internal static bool TryDecodeLeading(
        ReadOnlySpan<byte> input, int position, bool deferImages, [NotNullWhen(true)] out ChangeRecord? record, out int length)
    {
        try
        {
            var fields = ReadRecord(input, deferImages, out length);
            record = Build(in fields, new RecordSlice(position, ReadOnlyMemory<byte>.Empty));
            return true;
        }
        catch (DecodingException)
        {
            (record, length) = (null, 0);
            return false;
        }
    }

    private static ChangeRecord Decode(RecordSlice slice, bool deferImages) =>
        Build(ReadRecord(slice.Json.Span, deferImages, out _), slice);

    /// <summary>Reads the record object <paramref name="json"/> starts with; <paramref name="length"/> is its length in
    /// bytes. Whatever follows it is not read.</summary>
    private static Fields ReadRecord(ReadOnlySpan<byte> json, bool deferImages, out int length)
    {
        var fields = new Fields { DeferImages = deferImages };
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            ReadChange(ref reader, ref fields, outer: true);
            // The record ends with the object's closing brace at the root (the reader allows nothing else there; a
            // splitter that decodes in place resumes after it, so this is checked rather than assumed).
            if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0)
            {
                ReturnKinesisData(in fields);
                throw new DecodingException("record must be a JSON object");
            }

            length = checked((int)reader.BytesConsumed);
            if (fields.KinesisData is not null)
            {
                // Kinesis: the outer eventID and eventName describe the Kinesis record, not the change.
                var kinesis = fields;
                fields = new Fields { KinesisSequence = kinesis.KinesisSequence, IsKinesis = true, DeferImages = deferImages };
                var inner = new Utf8JsonReader(kinesis.KinesisData.AsSpan(0, kinesis.KinesisDataLength), ReaderOptions);
                try
                {
                    ReadChange(ref inner, ref fields, outer: false);
                    // The data must be this one change: reading on throws at anything but trailing whitespace.
                    _ = inner.Read();
                }
                catch (DecodingException e)
                {
                    throw e.Within("kinesis.data");
                }
                catch (JsonException e)
                {
                    throw new DecodingException($"kinesis.data is not valid JSON (byte {e.BytePositionInLine + 1})", e);
                }
                finally
                {
                    // Nothing decoded refers to the data: strings and numbers are copies.
                    ReturnKinesisData(in kinesis);
                }
            }
        }
        catch (JsonException e)
        {
            throw new DecodingException($"record is not valid JSON (byte {e.BytePositionInLine + 1})", e);
        }

        return fields;
    }

    private static void ReturnKinesisData(in Fields fields)
    {
        if (fields.KinesisDataPooled)
        {
            ArrayPool<byte>.Shared.Return(fields.KinesisData!);
        }
    }

    /// <summary>The fields read so far; a struct on the stack, so a record costs no object for it.</summary>
    private struct Fields
    {
        public bool IsKinesis;
        public string? EventId;
        public string? EventName;
        public string? SourceArn;
        public string? TableName;
        public string? Region;
        public string? IdentityType;
        public string? PrincipalId;
        public string? SequenceNumber;
        public string? ViewType;
        public decimal? CreationTime;
        public string? CreationPrecision;
        public long? SizeBytes;
        public AttributeMap? Keys;
        public AttributeMap? NewImage;
        public AttributeMap? OldImage;
        public bool DeferImages;
        public ImageSpan NewImageSpan;
        public ImageSpan OldImageSpan;
        public bool HasDynamodb;
        public string? KinesisSequence;
        public byte[]? KinesisData;
        public int KinesisDataLength;
        public bool KinesisDataPooled;
        public Seen Seen;
    }

    /// <summary>The fields a record has shown so far, to catch one that appears twice.</summary>
    [Flags]
    private enum Seen
    {
        None = 0,
        EventId = 1 << 0,
        EventName = 1 << 1,
        SourceArn = 1 << 2,
        TableName = 1 << 3,
        Region = 1 << 4,
        UserIdentity = 1 << 5,
        Dynamodb = 1 << 6,
        Kinesis = 1 << 7,
        IdentityType = 1 << 8,
        PrincipalId = 1 << 9,
        Keys = 1 << 10,
        NewImage = 1 << 11,
        OldImage = 1 << 12,
        SequenceNumber = 1 << 13,
        ViewType = 1 << 14,
        CreationTime = 1 << 15,
        CreationPrecision = 1 << 16,
        SizeBytes = 1 << 17,
        KinesisSequence = 1 << 18,
        KinesisData = 1 << 19,
        RecordFormat = 1 << 20,
    }

    /// <summary>DynamoDB never repeats a field. When a record does, JSON readers disagree on which copy counts
    /// (this one would keep the last, others the first), so the record means different things to different tools.</summary>
    private static void Once(ref Fields fields, Seen field, string name)
    {
        if ((fields.Seen & field) != 0)
        {
            throw new DecodingException($"{name} appears twice");
        }

        fields.Seen |= field;
    }

    private static void ReadChange(ref Utf8JsonReader reader, ref Fields fields, bool outer)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new DecodingException("record must be a JSON object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (JsonStrings.Is(ref reader, "eventID"u8))
            {
                Once(ref fields, Seen.EventId, "eventID");
                if (outer && (fields.Seen & Seen.Kinesis) != 0)
                {
                    // A Kinesis record's own eventID (shard and sequence, about 100 characters) is replaced by the
                    // change's; Lambda writes it after the kinesis object, so it is checked but not kept.
                    CheckString(ref reader, "eventID");
                }
                else
                {
                    fields.EventId = ReadString(ref reader, "eventID");
                }
            }
            else if (JsonStrings.Is(ref reader, "eventName"u8))
            {
                Once(ref fields, Seen.EventName, "eventName");
                fields.EventName = ReadRepeated(ref reader, "eventName");
            }
            else if (JsonStrings.Is(ref reader, "eventSourceARN"u8))
            {
                Once(ref fields, Seen.SourceArn, "eventSourceARN");
                fields.SourceArn = ReadRepeated(ref reader, "eventSourceARN");
            }
            else if (JsonStrings.Is(ref reader, "tableName"u8))
            {
                Once(ref fields, Seen.TableName, "tableName");
                fields.TableName = ReadRepeated(ref reader, "tableName");
            }
            else if (JsonStrings.Is(ref reader, "awsRegion"u8))
            {
                Once(ref fields, Seen.Region, "awsRegion");
                fields.Region = ReadRepeated(ref reader, "awsRegion");
            }
            else if (JsonStrings.Is(ref reader, "userIdentity"u8))
            {
                Once(ref fields, Seen.UserIdentity, "userIdentity");
                ReadUserIdentity(ref reader, ref fields);
            }
            else if (JsonStrings.Is(ref reader, "dynamodb"u8))
            {
                Once(ref fields, Seen.Dynamodb, "dynamodb");
                ReadDynamodb(ref reader, ref fields);
            }
            else if (!outer && JsonStrings.Is(ref reader, "recordFormat"u8))
            {
                Once(ref fields, Seen.RecordFormat, "recordFormat");
                // The only format DynamoDB writes to Kinesis; another would mean the data is not this change record.
                if (ReadRepeated(ref reader, "recordFormat") != "application/json")
                {
                    throw new DecodingException("recordFormat is not application/json");
                }
            }
            else if (outer && JsonStrings.Is(ref reader, "kinesis"u8))
            {
                Once(ref fields, Seen.Kinesis, "kinesis");
                ReadKinesis(ref reader, ref fields);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadUserIdentity(ref Utf8JsonReader reader, ref Fields fields)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        ExpectObject(ref reader, "userIdentity");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (JsonStrings.Is(ref reader, "type"u8))
            {
                Once(ref fields, Seen.IdentityType, "userIdentity.type");
                fields.IdentityType = ReadRepeated(ref reader, "userIdentity.type");
            }
            else if (JsonStrings.Is(ref reader, "principalId"u8))
            {
                Once(ref fields, Seen.PrincipalId, "userIdentity.principalId");
                fields.PrincipalId = ReadRepeated(ref reader, "userIdentity.principalId");
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void ReadDynamodb(ref Utf8JsonReader reader, ref Fields fields)
    {
        reader.Read();
        ExpectObject(ref reader, "dynamodb");
        fields.HasDynamodb = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (JsonStrings.Is(ref reader, "Keys"u8))
            {
                Once(ref fields, Seen.Keys, "dynamodb.Keys");
                fields.Keys = ReadImage(ref reader, "dynamodb.Keys", fields.NewImage ?? fields.OldImage);
            }
            else if (JsonStrings.Is(ref reader, "NewImage"u8))
            {
                Once(ref fields, Seen.NewImage, "dynamodb.NewImage");
                if (fields.DeferImages)
                {
                    fields.NewImageSpan = SkipImage(ref reader);
                }
                else
                {
                    fields.NewImage = ReadImage(ref reader, "dynamodb.NewImage", fields.OldImage ?? fields.Keys);
                }
            }
            else if (JsonStrings.Is(ref reader, "OldImage"u8))
            {
                Once(ref fields, Seen.OldImage, "dynamodb.OldImage");
                if (fields.DeferImages)
                {
                    fields.OldImageSpan = SkipImage(ref reader);
                }
                else
                {
                    fields.OldImage = ReadImage(ref reader, "dynamodb.OldImage", fields.NewImage ?? fields.Keys);
                }
            }
            else if (JsonStrings.Is(ref reader, "SequenceNumber"u8))
            {
                Once(ref fields, Seen.SequenceNumber, "dynamodb.SequenceNumber");
                fields.SequenceNumber = ReadString(ref reader, "dynamodb.SequenceNumber");
            }
            else if (JsonStrings.Is(ref reader, "StreamViewType"u8))
            {
                Once(ref fields, Seen.ViewType, "dynamodb.StreamViewType");
                fields.ViewType = ReadRepeated(ref reader, "dynamodb.StreamViewType");
            }
            else if (JsonStrings.Is(ref reader, "ApproximateCreationDateTime"u8))
            {
                Once(ref fields, Seen.CreationTime, "dynamodb.ApproximateCreationDateTime");
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number)
                {
                    throw new DecodingException("dynamodb.ApproximateCreationDateTime must be a number");
                }

                fields.CreationTime = reader.TryGetDecimal(out var time)
                    ? time
                    : throw new DecodingException("dynamodb.ApproximateCreationDateTime is out of range");
            }
            else if (JsonStrings.Is(ref reader, "ApproximateCreationDateTimePrecision"u8))
            {
                Once(ref fields, Seen.CreationPrecision, "dynamodb.ApproximateCreationDateTimePrecision");
                fields.CreationPrecision = ReadRepeated(ref reader, "dynamodb.ApproximateCreationDateTimePrecision");
            }
            else if (JsonStrings.Is(ref reader, "SizeBytes"u8))
            {
                Once(ref fields, Seen.SizeBytes, "dynamodb.SizeBytes");
                reader.Read();
                fields.SizeBytes = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var size) && size >= 0
                    ? size
                    : throw new DecodingException("dynamodb.SizeBytes must be a non-negative integer");
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Skips an image, checking only that it is JSON, and says where it is.</summary>
    private static ImageSpan SkipImage(ref Utf8JsonReader reader)
    {
        reader.Read();
        var start = reader.TokenStartIndex;
        reader.Skip();
        return new ImageSpan((int)start, (int)(reader.BytesConsumed - start));
    }

    /// <summary>
    /// Decodes the images that <see cref="DecodeDeferringImages"/> left out: on DynamoDB Streams only the images'
    /// own bytes are read again, in the order the record holds them, with the checks the whole decoder makes of
    /// them; a Kinesis record's images are inside its base64 data, so it is decoded again whole.
    /// </summary>
    internal static ChangeRecord DecodeImages(ChangeRecord record)
    {
        // Null for a Kinesis record.
        if (record.DeferredImages is not var (newSpan, oldSpan))
        {
            return Decode(new RecordSlice(record.Position, record.Raw));
        }

        var json = record.Raw.Span;
        AttributeMap? newImage = null, oldImage = null;
        if (newSpan.Length > 0 && (oldSpan.Length == 0 || newSpan.Start < oldSpan.Start))
        {
            newImage = ReadImage(json, newSpan, "dynamodb.NewImage", record.Keys);
        }

        if (oldSpan.Length > 0)
        {
            oldImage = ReadImage(json, oldSpan, "dynamodb.OldImage", newImage ?? record.Keys);
        }

        if (newSpan.Length > 0 && newImage is null)
        {
            newImage = ReadImage(json, newSpan, "dynamodb.NewImage", oldImage ?? record.Keys);
        }

        CheckKeys(record.Keys, newImage, "dynamodb.NewImage");
        CheckKeys(record.Keys, oldImage, "dynamodb.OldImage");
        return record.WithImages(newImage, oldImage);
    }

    private static AttributeMap ReadImage(ReadOnlySpan<byte> json, ImageSpan span, string field, AttributeMap sibling)
    {
        var reader = new Utf8JsonReader(json.Slice(span.Start, span.Length), ReaderOptions);
        return ReadImage(ref reader, field, sibling);
    }

    private static void ReadKinesis(ref Utf8JsonReader reader, ref Fields fields)
    {
        reader.Read();
        ExpectObject(ref reader, "kinesis");
        fields.KinesisData = [];
        var hasData = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (JsonStrings.Is(ref reader, "sequenceNumber"u8))
            {
                Once(ref fields, Seen.KinesisSequence, "kinesis.sequenceNumber");
                fields.KinesisSequence = ReadString(ref reader, "kinesis.sequenceNumber");
            }
            else if (JsonStrings.Is(ref reader, "data"u8))
            {
                Once(ref fields, Seen.KinesisData, "kinesis.data");
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw new DecodingException("kinesis.data must be a base64 string");
                }

                ReadBase64(ref reader, ref fields);
                hasData = true;
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (!hasData)
        {
            throw new DecodingException("kinesis.data is missing");
        }
    }

    /// <summary>Decodes <c>kinesis.data</c> into a pooled buffer: it is read once, right after this record.</summary>
    private static void ReadBase64(ref Utf8JsonReader reader, ref Fields fields)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            var data = JsonStrings.Base64(ref reader) ?? throw new DecodingException("kinesis.data is not valid base64");
            fields.KinesisData = data;
            (fields.KinesisDataLength, fields.KinesisDataPooled) = (data.Length, false);
            return;
        }

        var base64 = reader.ValueSpan;
        var buffer = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(base64.Length));
        if (Base64.DecodeFromUtf8(base64, buffer, out _, out var written) != OperationStatus.Done)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new DecodingException("kinesis.data is not valid base64");
        }

        (fields.KinesisData, fields.KinesisDataLength, fields.KinesisDataPooled) = (buffer, written, true);
    }

    /// <summary>Reads an image; <paramref name="sibling"/> (the record's other image or its keys) lends the
    /// values the two share, so a MODIFY's unchanged attributes are not allocated twice.</summary>
    private static AttributeMap ReadImage(ref Utf8JsonReader reader, string field, AttributeMap? sibling)
    {
        reader.Read();
        var start = reader.TokenStartIndex;
        AttributeMap image;
        try
        {
            image = AttributeValueReader.ReadMap(ref reader, sibling);
        }
        catch (DecodingException e)
        {
            throw e.Within(field);
        }

        // An image's JSON is never smaller than its DynamoDB size, so only large images are measured.
        if (reader.BytesConsumed - start > ItemSize.MaxItemBytes)
        {
            var size = ItemSize.Of(image);
            if (size > ItemSize.MaxItemBytes)
            {
                throw new DecodingException(string.Create(CultureInfo.InvariantCulture,
                    $"{field} is {size} bytes by DynamoDB's size rules; an item holds at most {ItemSize.MaxItemBytes}"));
            }
        }

        return image;
    }

    private static string ReadString(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String
            ? JsonStrings.Get(ref reader, field)
            : throw new DecodingException($"{field} must be a string, found {AttributeValueReader.Describe(reader.TokenType)}");
    }

    private static void CheckString(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new DecodingException($"{field} must be a string, found {AttributeValueReader.Describe(reader.TokenType)}");
        }

        JsonStrings.Check(ref reader, field);
    }

    /// <summary>A string that repeats from record to record (event name, ARN, region, view type): interned, so
    /// it costs no allocation per record.</summary>
    private static string ReadRepeated(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String
            ? NameTable.Read(ref reader, field)
            : throw new DecodingException($"{field} must be a string, found {AttributeValueReader.Describe(reader.TokenType)}");
    }

    private static void ExpectObject(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new DecodingException($"{field} must be an object, found {AttributeValueReader.Describe(reader.TokenType)}");
        }
    }

    private static ChangeRecord Build(in Fields f, RecordSlice slice)
    {
        if (string.IsNullOrEmpty(f.EventId))
        {
            throw new DecodingException("eventID is missing");
        }

        if (!RecordIdentity.IsEventId(f.EventId))
        {
            throw new DecodingException($"eventID is not 1 to {RecordIdentity.MaxEventIdLength} printable ASCII characters");
        }

        var kind = f.EventName switch
        {
            "INSERT" => ChangeKind.Insert,
            "MODIFY" => ChangeKind.Modify,
            "REMOVE" => ChangeKind.Remove,
            null => throw new DecodingException("eventName is missing"),
            _ => throw new DecodingException("eventName is not INSERT, MODIFY or REMOVE"),
        };

        if (!f.HasDynamodb)
        {
            throw new DecodingException("dynamodb is missing");
        }

        var table = f.IsKinesis ? f.TableName : TableFromArn(f.SourceArn);
        if (string.IsNullOrEmpty(table))
        {
            throw new DecodingException(f.IsKinesis ? "tableName is missing" : "eventSourceARN is missing or is not a DynamoDB stream ARN");
        }

        if (!IsTableName(table))
        {
            throw new DecodingException(
                $"{(f.IsKinesis ? "tableName" : "the table in eventSourceARN")} is not a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ - .)");
        }

        var checkpointText = f.IsKinesis ? f.KinesisSequence : f.SequenceNumber;
        if (!SequenceNumber.TryParse(checkpointText, out var checkpoint))
        {
            throw new DecodingException(f.IsKinesis
                ? "kinesis.sequenceNumber is missing or not decimal digits"
                : "dynamodb.SequenceNumber is missing or not decimal digits");
        }

        if (f.Keys is null || f.Keys.Count == 0)
        {
            throw new DecodingException("dynamodb.Keys is missing or empty");
        }

        StreamViewType? viewType = f.ViewType switch
        {
            null => null,
            "KEYS_ONLY" => StreamViewType.KeysOnly,
            "NEW_IMAGE" => StreamViewType.NewImage,
            "OLD_IMAGE" => StreamViewType.OldImage,
            "NEW_AND_OLD_IMAGES" => StreamViewType.NewAndOldImages,
            _ => throw new DecodingException("dynamodb.StreamViewType is not KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES"),
        };
        if (viewType is null && !f.IsKinesis)
        {
            throw new DecodingException("dynamodb.StreamViewType is missing");
        }

        // Kinesis Data Streams for DynamoDB always carries both images.
        var effectiveView = viewType ?? StreamViewType.NewAndOldImages;
        CheckImages(kind, effectiveView, (f.Seen & Seen.NewImage) != 0, (f.Seen & Seen.OldImage) != 0);
        CheckKeys(f.Keys, f.NewImage, "dynamodb.NewImage");
        CheckKeys(f.Keys, f.OldImage, "dynamodb.OldImage");

        return new ChangeRecord
        {
            Position = slice.Position,
            Source = f.IsKinesis ? ChangeSource.KinesisDataStreams : ChangeSource.DynamoDbStreams,
            EventId = f.EventId,
            Kind = kind,
            TableName = table,
            Region = f.Region,
            Checkpoint = checkpoint.Value,
            ApproximateCreationTime = CreationTime(f.CreationTime, f.CreationPrecision),
            ViewType = viewType,
            IsTtlExpiry = kind == ChangeKind.Remove && f.IdentityType == "Service" && f.PrincipalId == "dynamodb.amazonaws.com",
            Keys = f.Keys,
            NewImage = f.NewImage,
            OldImage = f.OldImage,
            SizeBytes = f.SizeBytes,
            Raw = slice.Json,
            ImagesDeferred = f.DeferImages,
            DeferredImages = f.DeferImages && !f.IsKinesis ? (f.NewImageSpan, f.OldImageSpan) : null,
        };
    }

    private static void CheckImages(ChangeKind kind, StreamViewType view, bool hasNewImage, bool hasOldImage)
    {
        var carriesNew = view is StreamViewType.NewImage or StreamViewType.NewAndOldImages;
        var carriesOld = view is StreamViewType.OldImage or StreamViewType.NewAndOldImages;
        if (carriesNew && kind != ChangeKind.Remove && !hasNewImage)
        {
            throw new DecodingException($"dynamodb.NewImage is missing from a {kind.ToString().ToUpperInvariant()} record of a {StreamViewTypes.WireName(view)} stream");
        }

        if (carriesOld && kind != ChangeKind.Insert && !hasOldImage)
        {
            throw new DecodingException($"dynamodb.OldImage is missing from a {kind.ToString().ToUpperInvariant()} record of a {StreamViewTypes.WireName(view)} stream");
        }

        // An image the change cannot have (an INSERT has no before, a REMOVE no after) or the stream does not carry
        // would be published as if it were the item's state.
        if (hasNewImage && (kind == ChangeKind.Remove || !carriesNew))
        {
            throw new DecodingException($"dynamodb.NewImage cannot be on a {kind.ToString().ToUpperInvariant()} record of a {StreamViewTypes.WireName(view)} stream");
        }

        if (hasOldImage && (kind == ChangeKind.Insert || !carriesOld))
        {
            throw new DecodingException($"dynamodb.OldImage cannot be on a {kind.ToString().ToUpperInvariant()} record of a {StreamViewTypes.WireName(view)} stream");
        }
    }

    /// <summary>An item always holds its key attributes. Records are grouped and ordered by <c>Keys</c> but
    /// translated from the images, so an image of another item would publish its change in the wrong order.</summary>
    private static void CheckKeys(AttributeMap keys, AttributeMap? image, string field)
    {
        if (image is null)
        {
            return;
        }

        for (var i = 0; i < keys.Count; i++)
        {
            var name = keys.Names[i];
            if (!image.TryGetValue(name, out var value))
            {
                throw new DecodingException("key attribute is missing").WithinAttribute(name).Within(field);
            }

            if (!value.Equals(keys.ValueAt(i)))
            {
                throw new DecodingException("differs from dynamodb.Keys").WithinAttribute(name).Within(field);
            }
        }
    }

    /// <summary>DynamoDB's naming rule. Table names reach logs, metrics and file names, so nothing else passes.</summary>
    private static bool IsTableName(string name)
    {
        if (name.Length is < 3 or > 255)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-' and not '.')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The table name in <c>arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL</c>.</summary>
    public static string? TableFromArn(string? arn)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var start = arn.IndexOf(":table/", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += ":table/".Length;
        var end = arn.IndexOf('/', start);
        return NameTable.Intern(end < 0 ? arn.AsSpan(start) : arn.AsSpan(start, end - start));
    }

    private static DateTimeOffset CreationTime(decimal? value, string? precision)
    {
        if (value is not { } time)
        {
            throw new DecodingException("dynamodb.ApproximateCreationDateTime is missing");
        }

        // Lambda's DynamoDB Streams events give epoch seconds; Kinesis Data Streams for DynamoDB gives
        // milliseconds, or microseconds when the stream's precision is set to MICROSECOND.
        var ticksPerUnit = precision switch
        {
            "MICROSECOND" => 10m,
            "MILLISECOND" => TimeSpan.TicksPerMillisecond,
            null when time >= 100_000_000_000_000m => 10m,
            null when time >= 100_000_000_000m => TimeSpan.TicksPerMillisecond,
            null => TimeSpan.TicksPerSecond,
            _ => throw new DecodingException("dynamodb.ApproximateCreationDateTimePrecision is not MILLISECOND or MICROSECOND"),
        };
        // Checked before scaling: a time near decimal's own maximum would overflow the multiplication.
        var maxTicks = (decimal)(DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks);
        return time >= 0 && time <= maxTicks / ticksPerUnit
            ? DateTimeOffset.UnixEpoch.AddTicks((long)(time * ticksPerUnit))
            : throw new DecodingException("dynamodb.ApproximateCreationDateTime is out of range");
    }
}
