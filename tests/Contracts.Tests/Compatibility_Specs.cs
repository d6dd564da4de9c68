namespace Bus.Contracts.Tests;

/// <summary>The rules of <see cref="Compatibility"/>, on a small contract: one event, one object type, one enum.</summary>
public sealed class Compatibility_Specs
{
    private static readonly WireContract Baseline = Contract(
        new Dictionary<string, WireProperty>
        {
            ["id"] = new("string", Required: true, Nullable: false),
            ["note"] = new("string", Required: false, Nullable: true),
            ["line"] = new("Lines.Line", Required: true, Nullable: false),
            ["kind"] = new("Kinds.Kind", Required: true, Nullable: false),
        },
        line: new Dictionary<string, WireProperty> { ["qty"] = new("int32", Required: true, Nullable: false) },
        kind: new Dictionary<string, string> { ["A"] = "0", ["B"] = "1" });

    [Fact]
    public void The_same_contract_has_no_breaking_change_and_no_addition()
    {
        var same = WireContract.FromJson(Baseline.ToJson());

        Assert.Empty(Compatibility.BreakingChanges(Baseline, same));
        Assert.Empty(Compatibility.Additions(Baseline, same));
        Assert.Equal(Baseline.ToJson(), same.ToJson());
    }

    [Fact]
    public void A_removed_event_breaks()
    {
        var current = Baseline with { Events = new Dictionary<string, WireEvent>() };

        Assert.Equal(["event Shop.Sold was removed (or renamed): publish a new type beside it instead"], Compatibility.BreakingChanges(Baseline, current));
    }

    [Fact]
    public void A_moved_urn_or_exchange_breaks()
    {
        var current = WithEvent(Baseline.Events["Shop.Sold"] with { Urn = "urn:message:Shop:SoldV1", EntityName = "Shop:SoldV1" });

        Assert.Equal(
            ["event Shop.Sold: message URN urn:message:Shop:Sold became urn:message:Shop:SoldV1", "event Shop.Sold: exchange Shop:Sold became Shop:SoldV1"],
            Compatibility.BreakingChanges(Baseline, current));
    }

    [Fact]
    public void A_removed_or_renamed_property_breaks()
    {
        var current = WithProperties(p => p.Remove("note"));

        Assert.Equal(["event Shop.Sold: property note was removed (or renamed)"], Compatibility.BreakingChanges(Baseline, current));
    }

    [Fact]
    public void A_property_of_another_type_breaks()
    {
        var current = WithProperties(p => p["id"] = new("int64", Required: true, Nullable: false));

        Assert.Equal(["event Shop.Sold: property id changed type from string to int64"], Compatibility.BreakingChanges(Baseline, current));
    }

    [Fact]
    public void An_optional_property_that_becomes_required_breaks_and_a_required_one_that_becomes_optional_does_not()
    {
        var current = WithProperties(p =>
        {
            p["note"] = new("string", Required: true, Nullable: true);
            p["id"] = new("string", Required: false, Nullable: false);
        });

        Assert.Equal(["event Shop.Sold: property note became required: a consumer built against it rejects messages without it"],
            Compatibility.BreakingChanges(Baseline, current));
    }

    [Fact]
    public void A_property_that_becomes_nullable_breaks_and_one_that_can_no_longer_be_null_does_not()
    {
        var current = WithProperties(p =>
        {
            p["id"] = new("string", Required: true, Nullable: true);
            p["note"] = new("string", Required: false, Nullable: false);
        });

        Assert.Equal(["event Shop.Sold: property id became nullable: consumers rely on it never being null"], Compatibility.BreakingChanges(Baseline, current));
    }

    [Fact]
    public void A_new_optional_property_is_an_addition_and_a_new_required_one_breaks()
    {
        var optional = WithProperties(p => p["total"] = new("decimal", Required: false, Nullable: true));
        var required = WithProperties(p => p["total"] = new("decimal", Required: true, Nullable: false));

        Assert.Empty(Compatibility.BreakingChanges(Baseline, optional));
        Assert.Equal(["property total of event Shop.Sold"], Compatibility.Additions(Baseline, optional));
        Assert.Equal(["event Shop.Sold: new property total is required: add new properties as optional (not required)"],
            Compatibility.BreakingChanges(Baseline, required));
    }

    [Fact]
    public void A_changed_property_of_a_contained_type_breaks()
    {
        var current = Baseline with
        {
            Types = new Dictionary<string, IReadOnlyDictionary<string, WireProperty>>
            {
                ["Lines.Line"] = new Dictionary<string, WireProperty> { ["qty"] = new("decimal", Required: true, Nullable: false) },
            },
        };

        Assert.Equal(["type Lines.Line: property qty changed type from int32 to decimal"], Compatibility.BreakingChanges(Baseline, current));
    }

    [Fact]
    public void A_removed_or_renumbered_enum_member_breaks_and_a_new_one_is_an_addition()
    {
        var current = Baseline with
        {
            Enums = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["Kinds.Kind"] = new Dictionary<string, string> { ["B"] = "2", ["C"] = "3" },
            },
        };

        Assert.Equal(["enum Kinds.Kind: member A was removed", "enum Kinds.Kind: member B is written as 2, was 1"],
            Compatibility.BreakingChanges(Baseline, current));
        Assert.Equal(["member C of enum Kinds.Kind"], Compatibility.Additions(Baseline, current));
    }

    [Fact]
    public void A_new_event_is_an_addition_but_must_pin_its_exchange()
    {
        var events = new Dictionary<string, WireEvent>(Baseline.Events)
        {
            ["Shop.Refunded"] = new("urn:message:Shop:Refunded", "Shop:Refunded", Baseline.Events["Shop.Sold"].Properties),
            ["Shop.Returned"] = new("urn:message:Shop:Returned", EntityName: null, Baseline.Events["Shop.Sold"].Properties),
        };
        var current = Baseline with { Events = events };

        Assert.Equal(["event Shop.Returned does not pin its exchange with [EntityName]"], Compatibility.BreakingChanges(Baseline, current));
        Assert.Equal(["event Shop.Refunded", "event Shop.Returned"], Compatibility.Additions(Baseline, current).Order(StringComparer.Ordinal));
    }

    private static WireContract Contract(
        Dictionary<string, WireProperty> sold, Dictionary<string, WireProperty> line, Dictionary<string, string> kind) =>
        new(
            new Dictionary<string, WireEvent> { ["Shop.Sold"] = new("urn:message:Shop:Sold", "Shop:Sold", sold) },
            new Dictionary<string, IReadOnlyDictionary<string, WireProperty>> { ["Lines.Line"] = line },
            new Dictionary<string, IReadOnlyDictionary<string, string>> { ["Kinds.Kind"] = kind });

    private static WireContract WithEvent(WireEvent sold) =>
        Baseline with { Events = new Dictionary<string, WireEvent> { ["Shop.Sold"] = sold } };

    private static WireContract WithProperties(Action<Dictionary<string, WireProperty>> change)
    {
        var properties = new Dictionary<string, WireProperty>(Baseline.Events["Shop.Sold"].Properties);
        change(properties);
        return WithEvent(Baseline.Events["Shop.Sold"] with { Properties = properties });
    }
}
