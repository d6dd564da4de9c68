using System.Text.Json;
using Bus.TestSupport;

namespace Bus.Consumers.Marketing.Tests.Infrastructure;

/// <summary>Reads what the marketing platform stand-in received.</summary>
public static class PlatformRequests
{
    public const string SigningSecret = "test-marketing-platform-secret";

    public static JsonElement Json(this ReceivedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    public static string CustomerId(this ReceivedRequest request) => request.Json().GetProperty("customerId").GetString()!;

    public static string Key(this ReceivedRequest request) => request.Headers["Idempotency-Key"];

    public static IReadOnlyList<ReceivedRequest> For(this LoopbackHttpServer server, string customerId) =>
        server.Requests.Where(r => r.CustomerId() == customerId).ToList();
}
