using System.Globalization;
using System.Text;
using Bus.Messaging.Gateway;

namespace Bus.StandIns.Tests;

/// <summary>Requests shaped as WebhookClient sends them, with each part open to being wrong on purpose.</summary>
internal static class SignedRequests
{
    public static HttpRequestMessage Post(
        Uri baseUrl,
        string path,
        string json,
        string secret,
        string? idempotencyKey,
        DateTimeOffset? signedAt = null,
        string? signatureOverride = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, path.TrimStart('/'))) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (idempotencyKey is not null)
        {
            request.Headers.Add(WebhookSignature.IdempotencyKeyHeader, idempotencyKey);
        }

        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, signatureOverride ?? WebhookSignature.Compute(secret, timestamp, body));
        return request;
    }
}
