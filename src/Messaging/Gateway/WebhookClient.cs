using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Bus.Messaging.Gateway;

/// <summary>
/// Calls one external system: JSON POSTs signed with HMAC-SHA256 and carrying an <c>Idempotency-Key</c> derived
/// from the source event, so the system can drop repeats of a call the client retried or the bus redelivered.
/// Retry with back-off and jitter, circuit breaker, rate limit and attempt time-out live in the HTTP client's
/// resilience pipeline (<see cref="WebhookClientRegistration"/>); this type turns their outcome into
/// permanent or transient failures.
/// </summary>
public sealed class WebhookClient(string name, HttpClient http, IOptionsMonitor<ExternalSystemOptions> options, TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The external system's configured name.</summary>
    public string Name => name;

    /// <summary>POSTs <paramref name="payload"/> as JSON to <paramref name="path"/>.</summary>
    /// <exception cref="PermanentExternalFailureException">The system rejected the call (4xx other than 408/429).</exception>
    /// <exception cref="ExternalSystemUnavailableException">The system could not take the call now.</exception>
    public async Task PostAsync<T>(string path, T payload, string idempotencyKey, CancellationToken cancellationToken)
    {
        var settings = options.Get(name);
        if (!settings.Enabled)
        {
            throw new ExternalSystemUnavailableException($"{name} is switched off (ExternalSystems:{name}:Enabled = false)");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(payload, Json);
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.IdempotencyKeyHeader, idempotencyKey);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(settings.SigningSecret, timestamp, body));

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or RateLimiterRejectedException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ExternalSystemUnavailableException($"{name} did not take the call: {e.GetType().Name}", e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var status = (int)response.StatusCode;
            var reason = $"{name} answered {status} {response.ReasonPhrase} to POST {path}";
            throw response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || status >= 500
                ? new ExternalSystemUnavailableException(reason)
                : new PermanentExternalFailureException(reason);
        }
    }
}
