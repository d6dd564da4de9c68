using System.Globalization;
using System.Text.Json.Nodes;
using Bus.ConsumerThroughput;
using Bus.TestSupport;

var options = BenchOptions.Parse(args);
await using var servers = new ServerFixture();
var runner = new BenchRunner(servers, options.Overrides);
var json = new JsonObject { ["messages"] = options.Messages, ["repeats"] = options.Repeats, ["warmupRuns"] = options.Warmup };
var results = new List<RunResult>();

if (options.Service == BrokerFloor.Name)
{
    json[BrokerFloor.Name] = await BrokerFloor.Run(servers, runner, options, CancellationToken.None);
    Console.WriteLine(json.ToJsonString());
    return;
}

foreach (var service in BenchedServices.Select(options.Service))
{
    var events = service.Events(options.Messages);
    var warmupEvents = events.Take(BenchOptions.WarmupMessageLimit).ToList();
    var figures = new JsonObject();
    foreach (var with in options.Modes)
    {
        for (var i = 0; i < options.Warmup; i++)
        {
            var warm = await runner.Run(service, with, warmupEvents, CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{warm.Service,-10} {warm.Mode,-8} warm-up {i + 1} (not counted): {warm.MessagesPerSecond,8:F0} msg/s, {warm.Messages} messages, checks {(warm.Ok ? "ok" : "BAD")}"));
        }

        var runs = new List<RunResult>();
        for (var i = 0; i < options.Repeats; i++)
        {
            var run = await runner.Run(service, with, events, CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run.Service,-10} {run.Mode,-8} run {i + 1}: {run.MessagesPerSecond,8:F0} msg/s ({run.Elapsed.TotalSeconds:F2} s), {run.CallsPerSecond,6:F0} calls/s, {run.MessagesPerCpuSecond,6:F0} msg/CPU-s, {run.BytesPerMessage / 1000.0,6:F1} KB/msg, faulted {run.Faulted}, rows {(run.RowsMatch ? "ok" : "MISMATCH")} [{run.Rows}], effects {(run.Effects.Ok ? "ok" : "MISMATCH")} [{run.Effects}]"));
            runs.Add(run);
        }

        results.AddRange(runs);
        var key = with ? "withInboxOutbox" : "withoutInboxOutbox";
        figures[key] = Math.Round(Stats.Median(runs.Select(r => r.MessagesPerSecond)), 1);
        figures[key + "Spread"] = Math.Round(Stats.Spread(runs.Select(r => r.MessagesPerSecond)), 1);
        figures[key + "CallsPerSecond"] = Math.Round(Stats.Median(runs.Select(r => r.CallsPerSecond)), 1);
        figures[key + "PerCpuSecond"] = Math.Round(Stats.Median(runs.Select(r => r.MessagesPerCpuSecond)), 1);
        figures[key + "BytesPerMessage"] = (long)Stats.Median(runs.Select(r => (double)r.BytesPerMessage));
        figures[key + "ChecksOk"] = runs.All(r => r.Ok);
    }

    if (figures["withInboxOutbox"] is { } a && figures["withoutInboxOutbox"] is { } b)
        figures["ratio"] = Math.Round(a.GetValue<double>() / b.GetValue<double>(), 2);
    json[service.Name] = figures;
}

Console.WriteLine();
Console.WriteLine($"{"service",-10} {"mode",-8} {"median msg/s",12} {"spread (max-min)",16} {"calls/s",8} {"msg/CPU-s",10} {"checks",6}");
foreach (var group in results.GroupBy(r => (r.Service, r.Mode)))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{group.Key.Service,-10} {group.Key.Mode,-8} {Stats.Median(group.Select(r => r.MessagesPerSecond)),12:F0} {Stats.Spread(group.Select(r => r.MessagesPerSecond)),16:F0} {Stats.Median(group.Select(r => r.CallsPerSecond)),8:F0} {Stats.Median(group.Select(r => r.MessagesPerCpuSecond)),10:F0} {(group.All(r => r.Ok) ? "ok" : "BAD"),6}"));
}

Console.WriteLine(json.ToJsonString());
