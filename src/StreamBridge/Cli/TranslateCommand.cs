using Bus.StreamBridge.Decoding;
using Bus.StreamBridge.Hosting;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Translation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bus.StreamBridge.Cli;

/// <summary><c>translate</c>: the events each record becomes, with their message ids, without publishing.</summary>
internal static class TranslateCommand
{
    public static async Task<int> RunAsync(IAsyncEnumerable<StreamEvent> events, string[] overrides, Stream output, TextWriter error)
    {
        IHost host;
        ChangeProcessor processor;
        try
        {
            var builder = BridgeHost.CreateBuilder(overrides);
            builder.Services.AddStreamBridgeCore(builder.Configuration);
            host = builder.Build();
            processor = host.Services.GetRequiredService<ChangeProcessor>();
        }
        catch (Exception e) when (BridgeCli.ConfigurationError(e) is { } problem)
        {
            await error.WriteLineAsync(problem);
            return ExitCodes.InvalidInput;
        }

        using var owner = host;
        var failed = 0;
        await using var lines = new JsonLinesWriter(output);
        await foreach (var streamEvent in events)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var slice in streamEvent.Records)
            {
                try
                {
                    var record = ChangeRecordDecoder.Decode(slice);
                    if (!seen.Add(record.EventId))
                    {
                        continue;
                    }

                    // Indexed: a foreach over the IReadOnlyList would allocate an enumerator per record.
                    var translated = (await processor.TranslateAsync(record, CancellationToken.None)).Events;
                    for (var i = 0; i < translated.Count; i++)
                    {
                        await lines.WriteEventAsync(translated[i]);
                    }
                }
                catch (Exception e) when (e is DecodingException or TranslationException)
                {
                    failed++;
                    await error.WriteLineAsync($"error: {BridgeCli.Describe(streamEvent, slice)}: {e.Message}");
                }
            }
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.RecordsFailed;
    }
}
