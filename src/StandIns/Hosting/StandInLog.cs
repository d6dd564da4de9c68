using Microsoft.Extensions.Logging;

namespace Bus.StandIns.Hosting;

// Bodies carry e-mail addresses and phone numbers: only the path and the key are logged.
internal static partial class StandInLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{System} received POST {Path} ({IdempotencyKey}), duplicate: {Duplicate}")]
    public static partial void Received(ILogger logger, string system, string path, string idempotencyKey, bool duplicate);

    [LoggerMessage(Level = LogLevel.Information, Message = "{System} stand-in listening on {BaseUrl}")]
    public static partial void Listening(ILogger logger, string system, Uri baseUrl);
}
