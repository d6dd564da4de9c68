using System.Text.Json;
using Bus.Contracts;
using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Failures;
using Bus.StreamBridge.Hosting;
using Bus.StreamBridge.Tests.Harness;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Tests.BadInput;

/// <summary>
/// The bridge's real registration on MassTransit's test harness, shared by the specs of one class (they run one
/// at a time): each invocation is told apart by the publishes the bus confirmed and the files stored while it ran.
/// </summary>
public class BridgeUnderTest : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "bus-badinput-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider? _provider;
    private ITestHarness? _harness;
    private SwitchableFailedRecordStore? _store;
    private readonly PublishRecorder _published = new();

    /// <summary>The failed-record store is down while true.</summary>
    public bool StoreDown
    {
        get => _store!.Down;
        set => _store!.Down = value;
    }

    public async ValueTask InitializeAsync()
    {
        _provider = BridgeHarness.Create(
            settings =>
            {
                settings["Bridge:FailedRecords:Directory"] = _directory;
                Configure(settings);
            },
            services => services.AddSingleton<IFailedRecordStore>(sp => _store = new SwitchableFailedRecordStore(
                new FileFailedRecordStore(sp.GetRequiredService<IOptions<BridgeOptions>>(), TimeProvider.System))),
            testTimeout: Lifetime);
        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
        _harness.Bus.ConnectPublishObserver(_published);
        _ = _provider.GetRequiredService<IFailedRecordStore>();
    }

    /// <summary>How long the harness lives.</summary>
    protected virtual TimeSpan Lifetime => TimeSpan.FromMinutes(30);

    /// <summary>Settings beyond the harness's own and the failed-record directory.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    /// <summary>One Lambda invocation through <see cref="StreamBatchHandler"/>: what it answered or threw, what it
    /// published, and the failed records it stored (removed from the store afterwards).</summary>
    public async Task<Invocation> InvokeAsync(byte[] input)
    {
        _ = _published.Drain();
        string? response = null;
        Exception? error = null;
        try
        {
            // Bounded: a hang is a failure, not a stuck test run.
            var handling = _provider!.GetRequiredService<StreamBatchHandler>().HandleAsync(new MemoryStream(input), CancellationToken.None);
            using var reader = new StreamReader(await handling.WaitAsync(TimeSpan.FromSeconds(30)));
            response = await reader.ReadToEndAsync();
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            error = e;
        }

        var published = _published.Drain();
        var stored = new List<StoredRecord>();
        if (Directory.Exists(_directory))
        {
            foreach (var file in Directory.GetFiles(_directory))
            {
                var content = await File.ReadAllBytesAsync(file);
                File.Delete(file);
                stored.Add(StoredRecord.Parse(content));
            }
        }

        return new Invocation(response, error, published, stored);
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>What one invocation did.</summary>
public sealed record Invocation(string? Response, Exception? Error, IReadOnlyList<PublishedEvent> Published, IReadOnlyList<StoredRecord> Stored)
{
    public const string NoFailures = """{"batchItemFailures":[]}""";

    public static string RetryFrom(string sequence) => $$"""{"batchItemFailures":[{"itemIdentifier":"{{sequence}}"}]}""";
}

public sealed record PublishedEvent(Guid MessageId, string Type, ChangeMetadata Change);

/// <summary>A file of the failed-record store.</summary>
public sealed record StoredRecord(string Stage, string Reason, string? EventId, string? SequenceNumber, byte[] Record)
{
    public static StoredRecord Parse(byte[] content)
    {
        // Stored records may nest as deeply as the hostile input did; JsonDocument takes seconds over 20,000
        // levels, the reader milliseconds.
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { MaxDepth = int.MaxValue });
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        byte[]? record = null, exact = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            switch (name)
            {
                case "record":
                    reader.Skip();
                    record = content[start..(int)reader.BytesConsumed];
                    break;
                case "recordBase64":
                    exact = reader.GetBytesFromBase64();
                    break;
                default:
                    fields[name] = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                    break;
            }
        }

        // The record is kept as raw JSON, or exactly in base64 when its bytes are not UTF-8.
        return new StoredRecord(fields["stage"]!, fields["reason"]!, fields["eventId"], fields["sequenceNumber"], exact ?? record!);
    }
}
