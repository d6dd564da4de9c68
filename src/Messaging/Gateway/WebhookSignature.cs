using System.Security.Cryptography;
using System.Text;

namespace Bus.Messaging.Gateway;

/// <summary>
/// The webhook signature: <c>X-Bus-Signature: sha256=&lt;hex HMAC-SHA256 of "&lt;timestamp&gt;.&lt;body&gt;"&gt;</c>
/// with <c>X-Bus-Timestamp</c> in Unix seconds, so receivers can verify origin and reject replays of old requests.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Bus-Signature";
    public const string TimestampHeader = "X-Bus-Timestamp";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }

    /// <summary>Constant-time check of a received signature.</summary>
    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
