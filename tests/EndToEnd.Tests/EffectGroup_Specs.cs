namespace Bus.EndToEnd.Tests;

/// <summary>The check the end-to-end specs apply to each group of expected effects, on its own (no servers).</summary>
public sealed class EffectGroup_Specs
{
    private static readonly (string Path, string Key) Registration = ("/addresses", "shipping-address:a:CustomerRegistered");
    private static readonly (string Path, string Key) Deletion = ("/addresses", "shipping-address:b:CustomerDeleted");
    private static readonly (string Path, string Key) Other = ("/addresses", "shipping-address:c:CustomerRegistered");

    private static readonly EffectGroup BothOrNeither = new("ShippingSystem", "C-1", [new HashSet<(string, string)> { Registration, Deletion }, new HashSet<(string, string)>()]);

    [Fact]
    public void A_listed_outcome_passes_whatever_else_the_system_received()
    {
        Assert.Null(BothOrNeither.Mismatch(new HashSet<(string, string)> { Registration, Deletion, Other }));
        Assert.Null(BothOrNeither.Mismatch(new HashSet<(string, string)> { Other }));
    }

    [Fact]
    public void Part_of_a_listed_outcome_fails_and_names_what_arrived_and_what_would_be_correct()
    {
        var mismatch = BothOrNeither.Mismatch(new HashSet<(string, string)> { Deletion });

        Assert.Equal(
            "ShippingSystem, C-1: performed {/addresses shipping-address:b:CustomerDeleted}; correct would be " +
            "{/addresses shipping-address:a:CustomerRegistered, /addresses shipping-address:b:CustomerDeleted} or {}",
            mismatch);
    }

    [Fact]
    public void Every_sample_effect_belongs_to_one_group_only()
    {
        var all = SampleEffects.Groups.SelectMany(g => g.Universe.Select(e => (g.System, e))).ToList();

        Assert.Equal(all.Count, all.Distinct().Count());
    }
}
