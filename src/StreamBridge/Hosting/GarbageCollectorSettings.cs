using System.Globalization;

namespace Bus.StreamBridge.Hosting;

/// <summary>
/// The garbage collector a process runs with, as the runtime reports it (<see cref="GC.GetConfigurationVariables"/>). The
/// function logs it once per execution environment, because the Lambda templates' <c>GarbageCollector</c> parameter changes
/// it from the environment, where the package's runtime configuration does not show it.
/// </summary>
internal static class GarbageCollectorSettings
{
    /// <summary>E.g. <c>workstation, non-concurrent, gen0 budget up to 128 MiB</c>.</summary>
    public static string Describe(IReadOnlyDictionary<string, object> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var kind = Flag(variables, "ServerGC") ? "server" : "workstation";
        var concurrency = Flag(variables, "ConcurrentGC") ? "concurrent" : "non-concurrent";
        var budget = variables.TryGetValue("GCGen0MaxBudget", out var value) && Convert.ToInt64(value, CultureInfo.InvariantCulture) is > 0 and var bytes
            ? $", gen0 budget up to {bytes / 1048576.0:0.#} MiB"
            : string.Empty;
        return $"{kind}, {concurrency}{budget}";
    }

    private static bool Flag(IReadOnlyDictionary<string, object> variables, string name) =>
        variables.TryGetValue(name, out var value) && value is true;
}
