using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Bus.StreamBridge.Tests.BadInput;

/// <summary>The valid batches of the corpus, and batches with a corpus record embedded among their records.</summary>
internal static class CorpusBatches
{
    private static readonly Lazy<byte[][]> StreamRecords = new(() => Split(Corpus.StreamBatchFile));
    private static readonly Lazy<byte[][]> KinesisRecords = new(() => Split(Corpus.KinesisBatchFile));

    /// <summary>The valid records of <paramref name="source"/>'s batch, each as its JSON bytes.</summary>
    public static byte[][] Valid(string source) => source == "kinesis" ? KinesisRecords.Value : StreamRecords.Value;

    /// <summary>Where a corpus record of <paramref name="source"/> goes: between records whose sequence numbers
    /// are below and above its own.</summary>
    public static int Position(string source) => source == "kinesis" ? CorpusBases.KinesisPosition : CorpusBases.StreamPosition;

    /// <summary>The valid batch with <paramref name="record"/> at its position.</summary>
    public static byte[] Embed(string source, byte[] record)
    {
        var valid = Valid(source);
        var position = Position(source);
        return Batch([.. valid[..position], record, .. valid[position..]]);
    }

    public static byte[] Batch(IEnumerable<byte[]> records)
    {
        var batch = new List<byte>(Encoding.UTF8.GetBytes("{\"Records\": ["));
        var first = true;
        foreach (var record in records)
        {
            if (!first)
            {
                batch.AddRange(",\n"u8.ToArray());
            }

            batch.AddRange(record);
            first = false;
        }

        batch.AddRange("]}"u8.ToArray());
        return [.. batch];
    }

    /// <summary>The sequence number Lambda checkpoints a valid record on.</summary>
    public static BigInteger Checkpoint(byte[] record)
    {
        using var json = JsonDocument.Parse(record);
        var root = json.RootElement;
        var text = root.TryGetProperty("kinesis", out var kinesis)
            ? kinesis.GetProperty("sequenceNumber").GetString()
            : root.GetProperty("dynamodb").GetProperty("SequenceNumber").GetString();
        return BigInteger.Parse(text!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[][] Split(string file)
    {
        using var json = JsonDocument.Parse(Corpus.Read(file));
        return [.. json.RootElement.GetProperty("Records").EnumerateArray().Select(r => Encoding.UTF8.GetBytes(r.GetRawText()))];
    }
}
