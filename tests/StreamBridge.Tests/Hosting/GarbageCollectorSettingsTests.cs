using Bus.StreamBridge.Hosting;

namespace Bus.StreamBridge.Tests.Hosting;

public sealed class GarbageCollectorSettingsTests
{
    [Fact]
    public void The_packages_collector_reads_as_workstation_non_concurrent_with_its_gen0_ceiling()
    {
        var variables = new Dictionary<string, object> { ["ServerGC"] = false, ["ConcurrentGC"] = false, ["GCGen0MaxBudget"] = 134217728UL };

        Assert.Equal("workstation, non-concurrent, gen0 budget up to 128 MiB", GarbageCollectorSettings.Describe(variables));
    }

    [Fact]
    public void The_small_footprint_collector_reads_as_concurrent_with_a_16_MiB_budget()
    {
        var variables = new Dictionary<string, object> { ["ServerGC"] = false, ["ConcurrentGC"] = true, ["GCGen0MaxBudget"] = 16777216L };

        Assert.Equal("workstation, concurrent, gen0 budget up to 16 MiB", GarbageCollectorSettings.Describe(variables));
    }

    [Fact]
    public void A_runtime_that_reports_no_budget_is_described_without_one()
    {
        var variables = new Dictionary<string, object> { ["ServerGC"] = true, ["ConcurrentGC"] = true };

        Assert.Equal("server, concurrent", GarbageCollectorSettings.Describe(variables));
    }

    [Fact]
    public void This_process_is_described_from_what_the_runtime_reports()
    {
        var described = GarbageCollectorSettings.Describe(GC.GetConfigurationVariables());

        Assert.StartsWith(System.Runtime.GCSettings.IsServerGC ? "server, " : "workstation, ", described, StringComparison.Ordinal);
        Assert.Contains(", gen0 budget up to ", described, StringComparison.Ordinal);
    }
}
