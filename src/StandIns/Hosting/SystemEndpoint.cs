using System.Globalization;
using System.Text.Json;
using Bus.Messaging.Gateway;
using Bus.StandIns.Faults;
using Bus.StandIns.Recording;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bus.StandIns.Hosting;

/// <summary>
/// One external system's API as the services see it: any POST path, signed with the system's secret and carrying an
/// <c>Idempotency-Key</c>. The first request with a key is performed and recorded; a repeat is answered the same and
/// counted as a duplicate, as an idempotent API does.
/// </summary>
internal sealed class SystemEndpoint(
    string system,
    string secret,
    TimeSpan signatureTolerance,
    EffectLedger ledger,
    FaultBoard faults,
    TimeProvider time,
    ILogger logger)
{
    public async Task Handle(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            await Answer(context, StatusCodes.Status405MethodNotAllowed, $"{system} accepts POST only");
            return;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The caller went away mid-request: nothing arrived to perform.
            ledger.CountRejected(system);
            return;
        }

        if (faults.Active(system) is { } fault && !await SurvivesFault(context, fault))
        {
            return;
        }

        if (Unauthentic(request, body) is { } reason)
        {
            ledger.CountUnauthorized(system);
            await Answer(context, StatusCodes.Status401Unauthorized, reason);
            return;
        }

        var key = request.Headers[WebhookSignature.IdempotencyKeyHeader].ToString();
        if (string.IsNullOrWhiteSpace(key))
        {
            ledger.CountInvalid(system);
            await Answer(context, StatusCodes.Status400BadRequest, $"the {WebhookSignature.IdempotencyKeyHeader} header is required");
            return;
        }

        JsonElement json;
        try
        {
            json = JsonSerializer.Deserialize(body, StandInsJsonContext.Default.JsonElement);
        }
        catch (JsonException e)
        {
            ledger.CountInvalid(system);
            await Answer(context, StatusCodes.Status400BadRequest, $"the body is not JSON: {e.Message}");
            return;
        }

        var path = request.Path.HasValue ? request.Path.Value : "/";
        var performed = ledger.TryPerform(new RecordedEffect(system, key, path, time.GetUtcNow(), json));
        StandInLog.Received(logger, system, path, key, !performed);
        await context.Response.WriteAsJsonAsync(new StandInReceipt(system, key, !performed), StandInsJsonContext.Default.StandInReceipt, cancellationToken: context.RequestAborted);
    }

    private async Task<bool> SurvivesFault(HttpContext context, FaultSettings fault)
    {
        if (fault.DelayMs > 0)
        {
            ledger.CountDelayed(system);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), time, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The caller's time-out fired first: to it the call failed, so it must not count as performed.
                ledger.CountRejected(system);
                return false;
            }
        }

        if (!faults.ShouldFail(fault))
        {
            return true;
        }

        ledger.CountRejected(system);
        await Answer(context, fault.StatusCode, $"{system}: fault injected");
        return false;
    }

    private string? Unauthentic(HttpRequest request, byte[] body)
    {
        if (!long.TryParse(request.Headers[WebhookSignature.TimestampHeader].ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp))
        {
            return $"missing or malformed {WebhookSignature.TimestampHeader}";
        }

        if (!WebhookSignature.Verify(secret, timestamp, body, request.Headers[WebhookSignature.SignatureHeader].ToString()))
        {
            return $"{WebhookSignature.SignatureHeader} does not match the body signed with {system}'s secret";
        }

        var skew = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, -62_135_596_800L, 253_402_300_799L));
        return signatureTolerance > TimeSpan.Zero && skew.Duration() > signatureTolerance
            ? $"{WebhookSignature.TimestampHeader} is {skew.Duration()} away from now (tolerance {signatureTolerance}): refused as a replay"
            : null;
    }

    private static async Task Answer(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }
}
