using System.Text.Json;

namespace Bus.StandIns.Recording;

/// <summary>A request a stand-in performed: the first one carrying its <c>Idempotency-Key</c>.</summary>
/// <param name="System">The external system that received it.</param>
/// <param name="Key">The request's <c>Idempotency-Key</c>.</param>
/// <param name="Path">The request path, e.g. <c>/contacts</c>.</param>
/// <param name="ReceivedUtc">When the stand-in received it.</param>
/// <param name="Body">The JSON body as sent.</param>
public sealed record RecordedEffect(string System, string Key, string Path, DateTimeOffset ReceivedUtc, JsonElement Body);
