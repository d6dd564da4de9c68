using System.Text.Json;
using System.Text.Json.Nodes;
using Bus.Contracts.Customers;
using Bus.TestSupport;
using MassTransit;
using MassTransit.Serialization;

namespace Bus.Contracts.Tests;

/// <summary>
/// The events of Bus.Contracts as MassTransit's serializer writes them, against <c>src/Contracts/wire-contract.json</c>: the
/// wire format consumers were built against. A breaking change fails; an addition fails until the baseline records it
/// (<c>BUS_UPDATE_CONTRACT_BASELINE=1 dotnet test tests/Contracts.Tests</c> rewrites it when nothing breaks).
/// </summary>
public sealed class ContractBaseline_Specs
{
    private static readonly string BaselinePath = Path.Combine(Checkout.Root, "src", "Contracts", "wire-contract.json");

    // Read once: the assembly's contracts do not change while the tests run.
    private static readonly WireContract Current = ContractShape.Of(typeof(IChangeEvent).Assembly, SystemTextJsonMessageSerializer.Options);

    [Fact]
    public void No_change_breaks_a_consumer_built_against_the_committed_baseline()
    {
        var breaking = Compatibility.BreakingChanges(WireContract.FromJson(File.ReadAllText(BaselinePath)), Current);

        Assert.True(breaking.Count == 0, "Breaking changes to the event contracts (docs/contracts.md, \"Versioning policy\"):\n" + string.Join("\n", breaking));
    }

    [Fact]
    public void The_committed_baseline_describes_the_contracts_as_they_are()
    {
        var current = Current.ToJson();
        if (!File.Exists(BaselinePath) && Environment.GetEnvironmentVariable("BUS_UPDATE_CONTRACT_BASELINE") == "1")
            File.WriteAllText(BaselinePath, current);

        var baseline = File.ReadAllText(BaselinePath);
        if (baseline == current)
            return;

        var before = WireContract.FromJson(baseline);
        if (Environment.GetEnvironmentVariable("BUS_UPDATE_CONTRACT_BASELINE") == "1" && Compatibility.BreakingChanges(before, Current).Count == 0)
        {
            File.WriteAllText(BaselinePath, current);
            return;
        }

        Assert.Fail($"{BaselinePath} does not describe the contracts as they are. Added: {string.Join(", ", Compatibility.Additions(before, Current))}. " +
            "If nothing breaks, record it with BUS_UPDATE_CONTRACT_BASELINE=1 dotnet test tests/Contracts.Tests and commit the file.");
    }

    [Fact]
    public void Every_event_pins_its_message_urn_and_exchange_to_its_namespace_and_name()
    {
        var events = typeof(IChangeEvent).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IChangeEvent).IsAssignableFrom(t)).ToList();

        Assert.Equal(15, events.Count);
        Assert.All(events, e =>
        {
            var pinned = $"{e.Namespace}:{e.Name}";
            Assert.Equal($"urn:message:{pinned}", Assert.Single(e.GetCustomAttributes(typeof(MessageUrnAttribute), false).Cast<MessageUrnAttribute>()).Urn.ToString());
            Assert.Equal(pinned, Assert.Single(e.GetCustomAttributes(typeof(EntityNameAttribute), false).Cast<EntityNameAttribute>()).EntityName);
        });
    }

    [Fact]
    public void The_shape_has_the_names_and_values_MassTransit_writes()
    {
        var registered = new CustomerRegistered
        {
            Change = new ChangeMetadata
            {
                SourceTable = "Customers", StreamEventId = "e-1", SequenceNumber = "100", ApproximateCreationTime = DateTimeOffset.UnixEpoch,
                EntityKey = "customerId=C-1", ItemVersion = 3, ChangeKind = ChangeKind.Modify, Source = ChangeSource.KinesisDataStreams,
            },
            CustomerId = "C-1", Email = "e", Name = "n", Phone = "p", MarketingOptIn = true,
            Address = new PostalAddress { Street = "s", City = "c", PostalCode = "p", Country = "GB" },
        };

        var json = JsonSerializer.SerializeToNode(registered, SystemTextJsonMessageSerializer.Options)!.AsObject();

        var shape = Current;
        Assert.Equal(shape.Events[typeof(CustomerRegistered).FullName!].Properties.Keys.Order(StringComparer.Ordinal), Names(json));
        Assert.Equal(shape.Types[typeof(ChangeMetadata).FullName!].Keys.Order(StringComparer.Ordinal), Names(json["change"]!.AsObject()));
        Assert.Equal(shape.Types[typeof(PostalAddress).FullName!].Keys.Order(StringComparer.Ordinal), Names(json["address"]!.AsObject()));
        Assert.Equal(shape.Enums[typeof(ChangeKind).FullName!]["Modify"], json["change"]!["changeKind"]!.ToJsonString());
        Assert.Equal(shape.Enums[typeof(ChangeSource).FullName!]["KinesisDataStreams"], json["change"]!["source"]!.ToJsonString());
    }

    [Fact]
    public void A_null_field_is_written_as_null_so_a_removed_email_reads_as_an_explicit_null()
    {
        var removed = new CustomerEmailChanged
        {
            Change = new ChangeMetadata
            {
                SourceTable = "Customers", StreamEventId = "e-2", SequenceNumber = "200", ApproximateCreationTime = DateTimeOffset.UnixEpoch,
                EntityKey = "customerId=C-1", ChangeKind = ChangeKind.Modify, Source = ChangeSource.DynamoDbStreams,
            },
            CustomerId = "C-1", PreviousEmail = "old@example.com", Email = null,
        };

        var json = JsonSerializer.SerializeToNode(removed, SystemTextJsonMessageSerializer.Options)!.AsObject();

        Assert.True(json.ContainsKey("email"));
        Assert.Null(json["email"]);
        Assert.True(json["change"]!.AsObject().ContainsKey("itemVersion"));
        Assert.Null(json["change"]!["itemVersion"]);
    }

    private static IEnumerable<string> Names(JsonObject json) => json.Select(p => p.Key).Order(StringComparer.Ordinal);
}
