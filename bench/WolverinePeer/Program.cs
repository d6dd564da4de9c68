using System.Globalization;
using System.Text.Json.Nodes;
using Bus.ConsumerThroughput;
using Bus.TestSupport;
using Bus.WolverinePeer;

var options = PeerOptions.Parse(args);
await using var servers = new ServerFixture();
var bus = new BenchRunner(servers, options.Overrides);
var wolverine = new WolverineRunner(servers, bus);
var service = new MarketingBench();

Task<RunResult> Run(string system, IReadOnlyList<BenchEvent> events) => system == PeerOptions.Bus
    ? bus.Run(service, withInboxOutbox: true, events, CancellationToken.None)
    : wolverine.Run(service, events, CancellationToken.None);

void Print(string label, string system, RunResult run, double? loadBefore, double? loadAfter) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label,-9} {system,-10} {run.MessagesPerSecond,8:F0} msg/s ({run.Elapsed.TotalSeconds:F2} s), {run.MessagesPerCpuSecond,6:F0} msg/CPU-s, {run.BytesPerMessage / 1000.0,6:F1} KB/msg, {run.CallsPerSecond,6:F0} calls/s; with effects {run.MessagesPerSecondWithEffects,4:F0} msg/s, {run.MessagesPerCpuSecondWithEffects,4:F0} msg/CPU-s; load {loadBefore:F1}->{loadAfter:F1}, faulted {run.Faulted}, rows {(run.RowsMatch ? "ok" : "MISMATCH")} [{run.Rows}], effects {(run.Effects.Ok ? "ok" : "MISMATCH")} [{run.Effects}]"));

if (options.Warmup > 0)
{
    // One unmeasured run each: JIT, EF Core's model and the connection pools are warm for whichever system runs first.
    var warmupEvents = service.Events(options.Warmup);
    foreach (var system in options.Systems)
        Print("warm-up", system, await Run(system, warmupEvents), LoadAverage.OneMinute(), LoadAverage.OneMinute());
}

var events = service.Events(options.Messages);
var results = options.Systems.ToDictionary(s => s, _ => new List<(RunResult Run, double? Load)>());
for (var i = 0; i < options.Repeats; i++)
{
    // Alternating the order spreads the drift of the other engineers' load over both systems.
    var order = i % 2 == 0 ? options.Systems : options.Systems.Reverse();
    foreach (var system in order)
    {
        var before = LoadAverage.OneMinute();
        var run = await Run(system, events);
        var after = LoadAverage.OneMinute();
        Print($"run {i + 1}", system, run, before, after);
        results[system].Add((run, after));
    }
}

var json = new JsonObject
{
    ["service"] = service.Name,
    ["messages"] = options.Messages,
    ["repeats"] = options.Repeats,
    ["processorCount"] = Environment.ProcessorCount,
};
Console.WriteLine();
Console.WriteLine($"{"",-10} {"domain endpoint window",-45} {"up to the last external call",-24}");
Console.WriteLine($"{"system",-10} {"median msg/s",12} {"spread",7} {"msg/CPU-s",10} {"CPU ms/msg",10} {"msg/s",8} {"CPU ms/msg",11} {"load",9} {"checks",6}");
foreach (var (system, runs) in results)
{
    var figures = new Figures(runs.Select(r => r.Run).ToArray());
    var loads = runs.Where(r => r.Load is not null).Select(r => r.Load!.Value).ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{system,-10} {figures.Rate,12:F0} {figures.Spread,7:F0} {figures.PerCpu,10:F0} {1000 / figures.PerCpu,10:F1} {figures.RateWithEffects,8:F0} {1000 / figures.PerCpuWithEffects,11:F1} {(loads.Length > 0 ? $"{loads.Min():F1}-{loads.Max():F1}" : "n/a"),9} {(figures.Ok ? "ok" : "BAD"),6}"));
    json[system] = figures.ToJson(loads);
}

if (results.TryGetValue(PeerOptions.Bus, out var busRuns) && results.TryGetValue(PeerOptions.Wolverine, out var wolverineRuns))
{
    var b = new Figures(busRuns.Select(r => r.Run).ToArray());
    var w = new Figures(wolverineRuns.Select(r => r.Run).ToArray());
    json["busToWolverine"] = new JsonObject
    {
        ["messagesPerSecond"] = Math.Round(b.Rate / w.Rate, 2),
        ["messagesPerCpuSecond"] = Math.Round(b.PerCpu / w.PerCpu, 2),
        ["messagesPerSecondWithEffects"] = Math.Round(b.RateWithEffects / w.RateWithEffects, 2),
        ["messagesPerCpuSecondWithEffects"] = Math.Round(b.PerCpuWithEffects / w.PerCpuWithEffects, 2),
    };
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Bus / Wolverine: {b.Rate / w.Rate:F2} in messages/s, {b.PerCpu / w.PerCpu:F2} in messages per CPU-second (domain endpoint window); {b.RateWithEffects / w.RateWithEffects:F2} and {b.PerCpuWithEffects / w.PerCpuWithEffects:F2} up to the last external call"));
}

Console.WriteLine(json.ToJsonString());
return results.Values.SelectMany(r => r).All(r => r.Run.Ok) ? 0 : 1;
