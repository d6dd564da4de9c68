using Bus.Contracts;
using Bus.StreamBridge.Configuration;
using Bus.StreamBridge.Pipeline;
using Bus.StreamBridge.Records;
using Bus.StreamBridge.Routing;
using Bus.StreamBridge.Tests.Builders;
using Bus.StreamBridge.Translation;
using Microsoft.Extensions.Options;

namespace Bus.StreamBridge.Tests.Samples;

/// <summary>The captured batches in the repository's <c>samples/</c> folder, linked into the test output.</summary>
public class SampleFileTests
{
    [Fact]
    public void Every_sample_file_is_covered_here()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "samples")).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["dynamodb-keys-only.json", "dynamodb-new-and-old-images.json", "dynamodb-new-image.json", "dynamodb-old-image.json",
             "dynamodb-ttl-expiry.json", "kinesis-data-streams.json"],
            files);
    }

    [Theory]
    [InlineData("dynamodb-keys-only.json", 2)]
    [InlineData("dynamodb-new-and-old-images.json", 18)]
    [InlineData("dynamodb-new-image.json", 2)]
    [InlineData("dynamodb-old-image.json", 2)]
    [InlineData("dynamodb-ttl-expiry.json", 3)]
    [InlineData("kinesis-data-streams.json", 7)]
    public void Every_record_of_a_sample_decodes(string file, int count)
    {
        var records = Sample(file);

        Assert.Equal(count, records.Length);
        Assert.Equal(Enumerable.Range(0, count), records.Select(r => r.Position));
    }

    [Fact]
    public void The_kinesis_sample_duplicates_one_change_under_the_same_event_id()
    {
        var records = Sample("kinesis-data-streams.json");

        var duplicated = Assert.Single(records.GroupBy(r => r.EventId), g => g.Count() > 1);
        Assert.Equal("1955f56d38f108f42ed9850f444f433e", duplicated.Key);
        Assert.Equal(
            ["49590338271490256608559692538361571095921575989136588805", "49590338271490256608559692538361571095921575989136588806"],
            duplicated.Select(r => r.Checkpoint.Value));
    }

    [Fact]
    public void The_kinesis_duplicate_carries_the_same_images_as_its_twin()
    {
        var twins = Sample("kinesis-data-streams.json").Where(r => r.EventId == "1955f56d38f108f42ed9850f444f433e").ToArray();

        Assert.Equal(twins[0].NewImage, twins[1].NewImage);
        Assert.Equal(twins[0].OldImage, twins[1].OldImage);
        Assert.Equal(twins[0].ApproximateCreationTime, twins[1].ApproximateCreationTime);
    }

    [Fact]
    public async Task The_kinesis_duplicate_translates_to_the_same_message_ids_as_its_twin()
    {
        var twins = Sample("kinesis-data-streams.json").Where(r => r.EventId == "1955f56d38f108f42ed9850f444f433e").ToArray();
        var processor = new ChangeProcessor(
            new TableRouter(
                Options.Create(new BridgeOptions { Tables = { ["Orders"] = new TableOptions { Translator = "Orders" } } }),
                [new OrdersTranslator(), new ItemChangedTranslator()]),
            new ItemChangedTranslator());

        var first = await processor.TranslateAsync(twins[0], TestContext.Current.CancellationToken);
        var second = await processor.TranslateAsync(twins[1], TestContext.Current.CancellationToken);

        Assert.NotEmpty(first.Events);
        Assert.Equal(first.Events.Select(e => e.MessageId), second.Events.Select(e => e.MessageId));
    }

    [Fact]
    public void The_kinesis_sample_carries_changes_also_seen_on_the_dynamodb_stream()
    {
        var streamIds = Sample("dynamodb-new-and-old-images.json").Select(r => r.EventId).ToHashSet();

        Assert.All(Sample("kinesis-data-streams.json"), r => Assert.Contains(r.EventId, streamIds));
    }

    [Fact]
    public void The_ttl_sample_flags_only_the_service_deletion()
    {
        var records = Sample("dynamodb-ttl-expiry.json");

        Assert.Equal([false, true, false], records.Select(r => r.IsTtlExpiry));
        Assert.Equal([ChangeKind.Insert, ChangeKind.Remove, ChangeKind.Remove], records.Select(r => r.Kind));
    }

    [Fact]
    public void The_keys_only_sample_carries_no_images()
    {
        var records = Sample("dynamodb-keys-only.json");

        Assert.All(records, r => Assert.Equal((StreamViewType?)StreamViewType.KeysOnly, r.ViewType));
        Assert.All(records, r => Assert.Null(r.NewImage ?? r.OldImage));
        Assert.Equal(["Customers", "Inventory"], records.Select(r => r.TableName));
    }

    [Fact]
    public void Sample_sequence_numbers_increase_through_the_dynamodb_batch()
    {
        var sequence = Sample("dynamodb-new-and-old-images.json").Select(r => r.Checkpoint).ToArray();

        Assert.All(sequence.Zip(sequence.Skip(1)), pair => Assert.True(pair.First < pair.Second));
    }

    private static ChangeRecord[] Sample(string file) =>
        [.. StreamEventReader.Read(Fixture.Bytes(Path.Combine("samples", file))).SelectMany(e => e.Records).Select(ChangeRecordDecoder.Decode)];
}
