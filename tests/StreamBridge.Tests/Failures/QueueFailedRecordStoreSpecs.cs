using System.Text;
using Bus.StreamBridge.Failures;
using Bus.StreamBridge.Hosting;
using Bus.StreamBridge.Tests.Builders;
using Bus.StreamBridge.Tests.Harness;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bus.StreamBridge.Tests.Failures;

/// <summary>The queue store through the real registration on MassTransit's test harness.</summary>
public sealed class QueueFailedRecordStoreSpecs
{
    private static async Task<FailedStreamRecord> StoreThroughTheHandler(byte[] record)
    {
        await using var provider = BridgeHarness.Create(settings => settings["Bridge:FailedRecords:Store"] = "Queue");
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        byte[] batch = [.. """{"Records": ["""u8, .. record, .. "]}"u8];

        await provider.GetRequiredService<StreamBatchHandler>().HandleAsync(new MemoryStream(batch), TestContext.Current.CancellationToken);

        return Assert.Single(harness.Sent.Select<FailedStreamRecord>()).Context.Message;
    }

    [Fact]
    public async Task A_record_that_is_not_UTF8_is_sent_with_its_exact_bytes_in_base64()
    {
        var json = new StreamRecordJson { NewImage = """{"customerId": {"S": "C-1"}, "email": {"S": "@@"}}""" }.ToJson();
        var at = json.IndexOf("@@", StringComparison.Ordinal);
        byte[] raw = [.. Encoding.UTF8.GetBytes(json[..at]), 0xFF, .. Encoding.UTF8.GetBytes(json[(at + 2)..])];

        var sent = await StoreThroughTheHandler(raw);

        Assert.Equal(raw, Convert.FromBase64String(sent.RecordBase64!));
        Assert.Contains("\"S\": \"\uFFFD\"", sent.Record, StringComparison.Ordinal);
        Assert.Equal(FailureStage.Decode, sent.Stage);
    }

    [Fact]
    public async Task A_UTF8_record_is_sent_as_text_alone()
    {
        var json = new StreamRecordJson { EventName = "UPSERT" }.ToJson();

        var sent = await StoreThroughTheHandler(Encoding.UTF8.GetBytes(json));

        Assert.Equal(json, sent.Record);
        Assert.Null(sent.RecordBase64);
    }
}
