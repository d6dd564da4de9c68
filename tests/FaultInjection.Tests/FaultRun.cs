using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bus.StandIns;
using Bus.StandIns.Client;
using Bus.StandIns.Hosting;
using Bus.StandIns.Recording;
using Npgsql;
using RabbitMQ.Client;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// One run: the stand-ins and the bridge in this process, the consumer services as processes, the generator writing
/// changes at a steady rate into the shards while Lambda's event source mapping (played here) feeds them to the bridge,
/// the faults of the scenario, then the wait until every expected effect has arrived and every queue is empty, and the
/// checks. Everything the run starts is stopped at its end, on every way out.
/// </summary>
public sealed class FaultRun(ServersFixture fixture, ScenarioOptions options) : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(90);

    private readonly List<ServiceInstance> _instances = [];
    private readonly Dictionary<string, (long Index, string Item)> _changes = new(StringComparer.Ordinal);
    private readonly StringBuilder _log = new();
    private readonly Stopwatch _clock = new();
    private string _directory = string.Empty;
    private StreamWriter? _logFile;

    private string Database => "bus_faults_" + options.Name.Replace('-', '_');

    private string VirtualHost => "faults-" + options.Name;

    public async Task<RunOutcome> RunAsync()
    {
        _clock.Start();
        _directory = Path.Combine(fixture.RunDirectory, options.Name);
        Directory.CreateDirectory(_directory);
        _logFile = new StreamWriter(Path.Combine(_directory, "run.log")) { AutoFlush = true };
        var outcome = new RunOutcome { Name = options.Name, Directory = _directory, Seed = options.Seed };
        var limitTime = fixture.LimitOf(options.Limit);
        using var limit = new CancellationTokenSource(limitTime);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        StandInServer? standIns = null;
        BridgeUnderTest? bridge = null;
        try
        {
            Log($"{options.Name}: {options.Records} records over {options.GenerationTime.TotalSeconds:F0} s, seed {options.Seed}, limit {limitTime.TotalMinutes:F1} min");
            await fixture.Servers.CreateDatabaseAsync(Database, limit.Token);
            await fixture.Servers.RabbitMqCtlAsync(["add_vhost", VirtualHost], limit.Token);
            await fixture.Servers.RabbitMqCtlAsync(["set_permissions", "-p", VirtualHost, "guest", ".*", ".*", ".*"], limit.Token);

            var probe = new PublishProbe(fixture.Servers.RabbitFactory(VirtualHost), options.Name + PublishProbe.Suffix);
            await probe.DeclareAsync(limit.Token);
            standIns = await StartStandIns(limit.Token);
            await StartServices(standIns, http, limit.Token);
            var generator = new ChangeGenerator(options.Seed, options.Policy);
            var watcher = new EffectWatcher(standIns.Effects, generator);
            FaultyPublisher? faulty = null;
            bridge = await BridgeUnderTest.StartAsync(BridgeSettings(),
                options.PublishErrorRate + options.PublishHangRate > 0
                    ? inner => faulty = new FaultyPublisher(inner, options.PublishErrorRate, options.PublishHangRate, options.Seed, Trace)
                    : null,
                Path.Combine(_directory, "bridge.log"), limit.Token);
            outcome.StartupTime = _clock.Elapsed;
            Log($"stand-ins, {_instances.Count} service processes and the bridge ready after {outcome.StartupTime.TotalSeconds:F0} s");

            var shards = Enumerable.Range(0, options.DynamoDbShards + options.KinesisShards)
                .Select(n => new StreamShard(n, kinesis: n >= options.DynamoDbShards, kinesisFaults: options.KinesisFaults && n >= options.DynamoDbShards, options.Seed + n))
                .ToList();
            var mappings = shards.Select(shard => new EventSourceMapping(shard, bridge.InvokeAsync, options.BatchSize, options.FunctionTimeout,
                options.InjectedTimeoutRate, options.Seed * 31 + shard.Number, Log)).ToList();

            using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
            var watching = watcher.RunAsync(stopWatching.Token);
            var delivering = mappings.Select(m => m.RunAsync(limit.Token)).ToList();
            FaultSchedule? schedule = null;
            Task faults = Task.CompletedTask;
            if (options.Chaos)
            {
                var ledger = standIns.Effects;
                schedule = new FaultSchedule(_instances, fixture.Servers, new StandInsClient(new HttpClient { BaseAddress = standIns.BaseUrlOf(StandInSystems.MarketingPlatform) }),
                    system => ledger.Snapshot(system).Performed, http, options.GenerationTime, options.Kills, options.Seed, Log);
                faults = schedule.RunAsync(limit.Token);
            }

            await Generate(generator, shards, limit.Token);
            outcome.GenerationTime = _clock.Elapsed - outcome.StartupTime;
            Log($"generated {generator.Changes} changes in {outcome.GenerationTime.TotalSeconds:F0} s; {generator.Describe()}");
            var allDelivered = Task.WhenAll(delivering);
            // A fault that could not be carried out (a server that did not come back) ends the run now, not at its limit.
            if (await Task.WhenAny(allDelivered, faults) == faults)
                await faults;
            await allDelivered;
            Log($"every record acknowledged to Lambda {(_clock.Elapsed - outcome.StartupTime - outcome.GenerationTime).TotalSeconds:F0} s after the last was written");
            await faults;
            var delivered = _clock.Elapsed;

            outcome.Settled = await Settle(generator, watcher, limit.Token);
            outcome.SettleTime = _clock.Elapsed - delivered;
            await stopWatching.CancelAsync();
            await watching;
            watcher.Poll();
            Log(outcome.Settled
                ? $"settled {outcome.SettleTime.TotalSeconds:F0} s after every record was acknowledged and every fault was over"
                : $"NOT settled after {outcome.SettleTime.TotalSeconds:F0} s: {generator.Outstanding} expected effects missing");

            await Collect(outcome, generator, watcher, standIns, mappings, shards, faulty, schedule, http, limit.Token);
            schedule?.Dispose();
            var published = await probe.DrainAsync(limit.Token);
            await File.WriteAllLinesAsync(Path.Combine(_directory, "published.tsv"), published.Select(p => $"{p.EventId}\t{p.Type}"), limit.Token);
            CheckPublishOrder(outcome, published);
        }
        catch (Exception e)
        {
            outcome.Failure = limit.IsCancellationRequested
                ? $"the run passed its limit of {limitTime.TotalMinutes:F1} min and was stopped ({e.GetType().Name}: {e.Message})"
                : e.ToString();
            Log("FAILED: " + outcome.Failure);
        }
        finally
        {
            await StopEverything(bridge, standIns);
            CollectExits(outcome);
            outcome.Elapsed = _clock.Elapsed;
            foreach (var (pid, commandLine) in MarkedProcesses())
                outcome.LeftProcesses.Add($"pid {pid}: {commandLine}");
            outcome.Report = RunReport.Format(outcome, options);
            await File.WriteAllTextAsync(Path.Combine(_directory, "report.txt"), outcome.Report);
            Log($"report: {Path.Combine(_directory, "report.txt")}");
            fixture.RunEnded();
        }

        return outcome;
    }

    private async Task<StandInServer> StartStandIns(CancellationToken cancellationToken)
    {
        var settings = StandInOptions.OnFreeLoopbackPorts();
        settings.RandomSeed = options.Seed;
        foreach (var system in StandInSystems.All)
            settings.Systems[system].SigningSecret = "faults-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return await StandInServer.StartAsync(settings, cancellationToken: cancellationToken);
    }

    private async Task StartServices(StandInServer standIns, HttpClient http, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>
        {
            [fixture.Guard.Marker.Key] = fixture.Guard.Marker.Value,
            ["BUS_FAULTS_SCENARIO"] = options.Name,
            ["DOTNET_ENVIRONMENT"] = "Production",
            // Time-stamped lines, to line the services' logs up with the run's fault log.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true",
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__EndpointPrefix"] = options.Name,
            ["Bus__RabbitMq__Host"] = "127.0.0.1",
            ["Bus__RabbitMq__Port"] = fixture.Servers.RabbitPort.ToString(CultureInfo.InvariantCulture),
            ["Bus__RabbitMq__VirtualHost"] = VirtualHost,
            ["Bus__RabbitMq__Username"] = "guest",
            ["Bus__RabbitMq__Password"] = "guest",
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = fixture.Servers.ConnectionString(Database),
            ["Database__MigrateOnStart"] = "true",
        };
        foreach (var (name, value) in standIns.ExternalSystemsConfiguration())
            environment[name.Replace(":", "__", StringComparison.Ordinal)] = value!;
        foreach (var (name, value) in options.ServiceSettings)
            environment[name] = value;

        var ports = new HashSet<int>();
        foreach (var (name, project) in options.Instances)
        {
            int port;
            do
            {
                port = Random.Shared.Next(20_000, 32_000);
            }
            while (!ports.Add(port) || !PortIsFree(port));
            var instance = new ServiceInstance(name, project, port,
                new Dictionary<string, string>(environment) { ["Bus__RabbitMq__ConnectionName"] = name }, _directory, Log);
            _instances.Add(instance);
        }

        // The first instance of each project applies the migrations; a second one starts after it, never alongside.
        var firsts = _instances.GroupBy(i => ServiceProject(i)).Select(g => g.First()).ToList();
        foreach (var instance in firsts)
            instance.Start();
        await Task.WhenAll(firsts.Select(i => i.WaitReadyAsync(http, ReadyTimeout, cancellationToken)));
        var seconds = _instances.Except(firsts).ToList();
        foreach (var instance in seconds)
            instance.Start();
        await Task.WhenAll(seconds.Select(i => i.WaitReadyAsync(http, ReadyTimeout, cancellationToken)));
    }

    private string ServiceProject(ServiceInstance instance) => options.Instances.First(i => i.Name == instance.Name).Project;

    private Dictionary<string, string?> BridgeSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMq:Host"] = "127.0.0.1",
            ["Bus:RabbitMq:Port"] = fixture.Servers.RabbitPort.ToString(CultureInfo.InvariantCulture),
            ["Bus:RabbitMq:VirtualHost"] = VirtualHost,
            ["Bus:RabbitMq:Username"] = "guest",
            ["Bus:RabbitMq:Password"] = "guest",
            ["Bus:RabbitMq:ConnectionName"] = "bridge",
            ["Bridge:Tables:Customers:Translator"] = "Customers",
            ["Bridge:Tables:Customers:VersionAttribute"] = "version",
            ["Bridge:Tables:Orders:Translator"] = "Orders",
            ["Bridge:Tables:Orders:VersionAttribute"] = "version",
            ["Bridge:Tables:Inventory:Translator"] = "Inventory",
            ["Bridge:Unrouted"] = "Store",
            ["Bridge:PublishTimeout"] = options.PublishTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Bridge:FailedRecords:Store"] = "File",
            ["Bridge:FailedRecords:Directory"] = Path.Combine(_directory, "failed-records"),
        };
        return settings;
    }

    /// <summary>Writes the records at a steady rate, each change to its item's shard.</summary>
    private async Task Generate(ChangeGenerator generator, List<StreamShard> shards, CancellationToken cancellationToken)
    {
        // Every change with its shard and expected effects, for following one item through the logs.
        await using var trace = new StreamWriter(Path.Combine(_directory, "changes.tsv"));
        await trace.WriteLineAsync("index\tshard\titem\teventID\tchange\texpected effects");
        var clock = Stopwatch.StartNew();
        var rate = options.Records / options.GenerationTime.TotalSeconds;
        long written = 0;
        var lastNote = TimeSpan.Zero;
        while (written < options.Records)
        {
            var due = Math.Min(options.Records, (long)(rate * clock.Elapsed.TotalSeconds) + 1);
            while (written < due)
            {
                var changes = generator.Next();
                if (changes.Count == 0)
                    break;
                var shard = ShardOf(changes[0].Item, shards.Count);
                shards[shard].Append(changes);
                written += changes.Count;
                foreach (var change in changes)
                {
                    _changes[change.EventId] = (change.Index, change.Item);
                    await trace.WriteLineAsync(string.Join('\t', change.Index, shards[shard].Name, change.Item, change.EventId, change.Description,
                        string.Join(' ', change.Effects.Select(e => e.Key))));
                }
            }

            if (clock.Elapsed - lastNote >= TimeSpan.FromSeconds(15))
            {
                lastNote = clock.Elapsed;
                Log($"generated {written} changes; {generator.Outstanding} expected effects not seen yet; shards at " +
                    string.Join(", ", shards.Select(s => s.Count)));
            }

            await Task.Delay(50, cancellationToken);
        }

        foreach (var shard in shards)
            shard.Complete();
    }

    // The stream's own partitioning: every change of an item in one shard. FNV-1a, stable across processes.
    private static int ShardOf(string item, int count)
    {
        var hash = 2166136261u;
        foreach (var c in item)
            hash = (hash ^ c) * 16777619u;
        return (int)(hash % (uint)count);
    }

    /// <summary>
    /// Until every expected effect has arrived and no queue of the run holds a message (ready or in flight) for a few
    /// seconds in a row. Gives up when nothing moved (no effect arrived, no queue changed) for <see cref="StallTimeout"/>,
    /// or at the settle time-out: a slow machine gets the time it needs, a stuck run ends soon.
    /// </summary>
    private async Task<bool> Settle(ChangeGenerator generator, EffectWatcher watcher, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var quietSince = (TimeSpan?)null;
        var lastProgress = TimeSpan.Zero;
        var lastState = string.Empty;
        while (clock.Elapsed < options.SettleTimeout && clock.Elapsed - lastProgress < StallTimeout)
        {
            watcher.Poll();
            var queues = (await fixture.Servers.ListQueuesAsync(VirtualHost, cancellationToken))
                .Where(q => !q.Name.EndsWith(PublishProbe.Suffix, StringComparison.Ordinal))
                .ToList();
            var state = $"{generator.Outstanding} " + string.Join(' ', queues.Select(q => $"{q.Name}:{q.Ready}/{q.Unacknowledged}"));
            if (state != lastState)
                (lastState, lastProgress) = (state, clock.Elapsed);

            var busy = queues
                .Where(q => !q.Name.EndsWith("_error", StringComparison.Ordinal) && !q.Name.EndsWith("_skipped", StringComparison.Ordinal))
                .Where(q => q.Ready + q.Unacknowledged > 0)
                .ToList();
            if (generator.Outstanding == 0 && busy.Count == 0)
            {
                quietSince ??= clock.Elapsed;
                // A few quiet seconds more: a late copy or an unexpected effect would still show.
                if (clock.Elapsed - quietSince >= TimeSpan.FromSeconds(5))
                    return true;
            }
            else
            {
                quietSince = null;
            }

            await Task.Delay(1_000, cancellationToken);
        }

        Log($"gave up waiting: {(clock.Elapsed - lastProgress >= StallTimeout ? $"nothing moved for {StallTimeout.TotalSeconds:F0} s" : "settle time-out")}; last state {lastState}");
        return false;
    }

    private async Task Collect(RunOutcome outcome, ChangeGenerator generator, EffectWatcher watcher, StandInServer standIns,
        List<EventSourceMapping> mappings, List<StreamShard> shards, FaultyPublisher? faulty, FaultSchedule? schedule, HttpClient http,
        CancellationToken cancellationToken)
    {
        outcome.Changes = generator.Changes;
        outcome.GeneratorSummary = generator.Describe();
        outcome.Expected = generator.Expected;
        var performed = StandInSystems.All.ToDictionary(s => s, s => standIns.Effects.Snapshot(s), StringComparer.Ordinal);
        outcome.Performed = performed;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var effect in performed.Values.SelectMany(s => s.Effects))
        {
            if (!keys.Add(effect.Key))
                outcome.Doubled.Add($"{effect.System} {effect.Path} {effect.Key}");
        }

        outcome.Missing.AddRange(outcome.Expected.Values.Where(e => !keys.Contains(e.Key)).OrderBy(e => e.Change));
        outcome.Unexpected.AddRange(watcher.Unexpected);
        outcome.OrderViolations.AddRange(OrderViolations(outcome.Expected, performed));

        outcome.Queues.AddRange((await fixture.Servers.ListQueuesAsync(VirtualHost, cancellationToken))
            .Where(q => !q.Name.EndsWith(PublishProbe.Suffix, StringComparison.Ordinal)));
        foreach (var (queue, ready, _) in outcome.Queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) && q.Ready > 0))
            outcome.ErrorQueueMessages.AddRange(await ErrorMessages(queue, ready, cancellationToken));

        await using (var connection = new NpgsqlConnection(fixture.Servers.ConnectionString(Database)))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var schema in new[] { "marketing", "shipping", "notifications" })
            {
                await using var command = new NpgsqlCommand($"""select coalesce(sum("ReceiveCount" - 1), 0) from {schema}."InboxState" """, connection);
                outcome.InboxDuplicates[schema] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }
        }

        if (options.CheckReadModels)
        {
            var shipping = _instances.Where(i => ServiceProject(i) == "Consumers.Shipping").Select(i => i.BaseUrl).ToList();
            var (rows, mismatches) = await ReadModelCheck.RunAsync(fixture.Servers.ConnectionString(Database), shipping, http,
                generator.CustomerStates(), generator.OrderStates(), cancellationToken);
            outcome.ReadModelRowsChecked = rows;
            outcome.ReadModelMismatches.AddRange(mismatches);
        }

        outcome.RecordsDelivered = shards.Sum(s => (long)s.Count);
        outcome.KinesisCopies = shards.Sum(s => (long)s.Copies);
        outcome.KinesisSwaps = shards.Sum(s => (long)s.Swaps);
        outcome.Invocations = mappings.Sum(m => (long)m.Invocations);
        outcome.PartialFailures = mappings.Sum(m => (long)m.PartialFailures);
        outcome.FunctionErrors = mappings.Sum(m => (long)m.FunctionErrors);
        outcome.InjectedTimeouts = mappings.Sum(m => (long)m.InjectedTimeouts);
        outcome.RecordsRedelivered = mappings.Sum(m => m.RecordsRedelivered);
        outcome.ProtocolProblems.AddRange(mappings.SelectMany(m => m.Problems));
        outcome.InjectedPublishErrors = faulty?.Errors ?? 0;
        outcome.InjectedPublishHangs = faulty?.Hangs ?? 0;
        var failed = Path.Combine(_directory, "failed-records");
        outcome.StoredRecords = Directory.Exists(failed) ? Directory.GetFiles(failed).Length : 0;
        if (schedule is not null)
        {
            outcome.FaultLog.AddRange(schedule.Log);
            outcome.Kills = schedule.KillsDone;
        }
    }

    private void CollectExits(RunOutcome outcome) => outcome.UnexpectedExits.AddRange(_instances.SelectMany(i => i.UnexpectedExits).Order(StringComparer.Ordinal));

    /// <summary>
    /// Per item and external system, the effects must have arrived in the order of the changes that caused them: the
    /// generator gated every change whose effects depend on the ones before it, or the services applied one message at
    /// a time; either way a later change's effect before an earlier one means a change was applied out of order.
    /// </summary>
    private static IEnumerable<string> OrderViolations(IReadOnlyDictionary<string, ExpectedEffect> expected, Dictionary<string, SystemEffects> performed)
    {
        foreach (var system in performed.Values)
        {
            var lastByItem = new Dictionary<string, ExpectedEffect>(StringComparer.Ordinal);
            foreach (var effect in system.Effects)
            {
                if (!expected.TryGetValue(effect.Key, out var known))
                    continue;
                if (lastByItem.TryGetValue(known.Item, out var before) && before.Change > known.Change)
                    yield return $"{system.System} {known.Item}: {known.Key} (change {known.Change}) arrived after {before.Key} (change {before.Change})";
                else
                    lastByItem[known.Item] = known;
            }
        }
    }

    private void CheckPublishOrder(RunOutcome outcome, List<(string EventId, string Type)> published)
    {
        outcome.PublishedMessages = published.Count;
        outcome.PublishedCopies = published.Count - published.Distinct().Count();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lastByItem = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (eventId, type) in published)
        {
            if (!seen.Add(eventId) || !_changes.TryGetValue(eventId, out var change))
                continue;
            if (lastByItem.TryGetValue(change.Item, out var last) && last > change.Index)
                outcome.PublishOrderViolations.Add($"{change.Item}: change {change.Index} ({type}, {eventId}) reached the broker after change {last}");
            else
                lastByItem[change.Item] = change.Index;
        }
    }

    /// <summary>Reads (and puts back) the messages of an error queue: MassTransit's fault headers say what failed.</summary>
    private async Task<List<string>> ErrorMessages(string queue, long count, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        var factory = fixture.Servers.RabbitFactory(VirtualHost);
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var taken = new List<ulong>();
        for (var i = 0; i < Math.Min(count, 20); i++)
        {
            var message = await channel.BasicGetAsync(queue, autoAck: false, cancellationToken);
            if (message is null)
                break;
            taken.Add(message.DeliveryTag);
            var headers = message.BasicProperties.Headers ?? new Dictionary<string, object?>();
            found.Add($"{queue}: {Header(headers, "MT-Fault-ExceptionType")}: {Header(headers, "MT-Fault-Message")} " +
                $"(message type {Header(headers, "MT-MessageType") ?? message.BasicProperties.Type}, id {message.BasicProperties.MessageId})");
        }

        foreach (var tag in taken)
            await channel.BasicNackAsync(tag, multiple: false, requeue: true, cancellationToken);
        if (count > taken.Count)
            found.Add($"{queue}: … and {count - taken.Count} more");
        return found;
    }

    private static string? Header(IDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            _ => value.ToString(),
        } : null;

    private async Task StopEverything(BridgeUnderTest? bridge, StandInServer? standIns)
    {
        if (bridge is not null)
            await bridge.DisposeAsync();
        await Task.WhenAll(_instances.Select(i => i.DisposeAsync().AsTask()));
        if (standIns is not null)
            await standIns.DisposeAsync();
        if (options.KeepData)
        {
            Log($"kept database {Database} and virtual host {VirtualHost} on the private servers");
            return;
        }

        try
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(fixture.Servers.ConnectionString("postgres"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await fixture.Servers.RabbitMqCtlAsync(["delete_vhost", VirtualHost], CancellationToken.None);
        }
        catch (Exception e)
        {
            Log($"could not remove the run's database or virtual host: {e.Message}");
        }
    }

    private List<(int Pid, string CommandLine)> MarkedProcesses()
    {
        var scenario = Encoding.UTF8.GetBytes($"BUS_FAULTS_SCENARIO={options.Name}\0");
        return fixture.Guard.MarkedProcesses()
            .Where(p => Environ(p.Pid).AsSpan().IndexOf(scenario) >= 0)
            .ToList();
    }

    private static byte[] Environ(int pid)
    {
        try
        {
            return File.ReadAllBytes($"/proc/{pid}/environ");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_trace is not null)
            await _trace.DisposeAsync();
        if (_logFile is not null)
            await _logFile.DisposeAsync();
    }

    private readonly Lock _traceGate = new();
    private StreamWriter? _trace;

    private void Trace(string text)
    {
        lock (_traceGate)
        {
            _trace ??= new StreamWriter(Path.Combine(_directory, "publishes.log")) { AutoFlush = true };
            _trace.WriteLine($"{DateTime.UtcNow:HH:mm:ss.ffffff} {text}");
        }
    }

    private void Log(string text)
    {
        var line = $"[{DateTime.UtcNow:HH:mm:ss}] {text}";
        lock (_log)
        {
            _log.AppendLine(line);
            _logFile?.WriteLine(line);
        }
    }
}
