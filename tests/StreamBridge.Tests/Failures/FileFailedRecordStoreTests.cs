using System.Text;
using System.Text.Json;
using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Failures;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Tests.Failures;

public sealed class FileFailedRecordStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "bus-failed-" + Guid.NewGuid().ToString("N"));

    private FileFailedRecordStore Store() => new(
        Options.Create(new BridgeOptions { FailedRecords = new FailedRecordOptions { Directory = _directory } }), TimeProvider.System);

    private static FailedRecord Record(string? table, byte[] raw) =>
        new(table, 3, "evt-1", "100", FailureStage.Route, "no route matches", raw);

    private JsonElement StoredFile() =>
        JsonDocument.Parse(File.ReadAllBytes(Assert.Single(Directory.GetFiles(_directory)))).RootElement;

    [Fact]
    public async Task A_record_of_a_table_with_DynamoDB_s_longest_name_is_stored()
    {
        var table = new string('t', 255);

        await Store().StoreAsync(Record(table, """{"eventID": "evt-1"}"""u8.ToArray()), TestContext.Current.CancellationToken);

        Assert.Equal(table, StoredFile().GetProperty("table").GetString());
        Assert.True(Path.GetFileName(Assert.Single(Directory.GetFiles(_directory))).Length <= 100);
    }

    [Fact]
    public async Task A_record_that_is_not_UTF8_is_kept_exactly_in_base64_beside_a_readable_copy()
    {
        byte[] raw = [.. """{"eventID": "evt-1", "x": {"S": "a"""u8, 0xC3, 0x28, .. "\"}}"u8];

        await Store().StoreAsync(Record("Customers", raw), TestContext.Current.CancellationToken);

        var stored = StoredFile();
        Assert.Equal(raw, stored.GetProperty("recordBase64").GetBytesFromBase64());
        Assert.Equal("a\uFFFD(", stored.GetProperty("record").GetProperty("x").GetProperty("S").GetRawText()[1..^1]);
    }

    [Fact]
    public async Task A_UTF8_record_is_kept_as_JSON_without_a_base64_copy()
    {
        var raw = """{"eventID": "evt-1", "x": {"S": "Zoë"}}"""u8.ToArray();

        await Store().StoreAsync(Record("Customers", raw), TestContext.Current.CancellationToken);

        var stored = StoredFile();
        Assert.Equal(Encoding.UTF8.GetString(raw), stored.GetProperty("record").GetRawText());
        Assert.False(stored.TryGetProperty("recordBase64", out _));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
