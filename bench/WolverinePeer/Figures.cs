using System.Text.Json.Nodes;
using Bus.ConsumerThroughput;

namespace Bus.WolverinePeer;

/// <summary>The medians of one system's runs.</summary>
public sealed class Figures(IReadOnlyList<RunResult> runs)
{
    public double Rate { get; } = Stats.Median(runs.Select(r => r.MessagesPerSecond));

    public double Spread { get; } = Stats.Spread(runs.Select(r => r.MessagesPerSecond));

    public double PerCpu { get; } = Stats.Median(runs.Select(r => r.MessagesPerCpuSecond));

    public double RateWithEffects { get; } = Stats.Median(runs.Select(r => r.MessagesPerSecondWithEffects));

    public double PerCpuWithEffects { get; } = Stats.Median(runs.Select(r => r.MessagesPerCpuSecondWithEffects));

    public double BytesPerMessage { get; } = Stats.Median(runs.Select(r => (double)r.BytesPerMessage));

    public bool Ok { get; } = runs.All(r => r.Ok);

    public JsonObject ToJson(IReadOnlyList<double> loads) => new()
    {
        ["messagesPerSecond"] = Math.Round(Rate, 1),
        ["spread"] = Math.Round(Spread, 1),
        ["messagesPerCpuSecond"] = Math.Round(PerCpu, 1),
        ["cpuMsPerMessage"] = Math.Round(1000 / PerCpu, 2),
        ["messagesPerSecondWithEffects"] = Math.Round(RateWithEffects, 1),
        ["cpuMsPerMessageWithEffects"] = Math.Round(1000 / PerCpuWithEffects, 2),
        ["bytesAllocatedPerMessage"] = Math.Round(BytesPerMessage),
        ["runs"] = new JsonArray(runs.Select(r => (JsonNode)Math.Round(r.MessagesPerSecond, 1)).ToArray()),
        ["loadAverage"] = new JsonArray(loads.Select(l => (JsonNode)l).ToArray()),
        ["checksOk"] = Ok,
    };
}
