using System.Security.Cryptography;
using Bus.StreamBridge.Pipeline;

namespace Bus.StreamBridge.Failures;

/// <summary>Stable identities for failed records, so that storing a retried record twice overwrites or
/// de-duplicates instead of piling up copies.</summary>
public static class FailedRecordIds
{
    /// <summary>A short hex digest of the record's bytes.</summary>
    public static string Digest(ReadOnlySpan<byte> raw)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(raw, hash);
        return Convert.ToHexStringLower(hash[..12]);
    }

    /// <summary>The message id of the failed-record message for <paramref name="record"/>.</summary>
    public static Guid MessageId(FailedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return MessageIds.NameBased(MessageIds.Namespace, $"failed-record/{Digest(record.Raw.Span)}");
    }
}
