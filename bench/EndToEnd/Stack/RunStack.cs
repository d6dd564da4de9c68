using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace Bus.EndToEnd.Stack;

/// <summary>
/// The stack of one run, as <c>scripts/stack.sh</c> starts it: a database and a RabbitMQ virtual host of its own, the
/// stand-ins and the three consumer services as separate <c>dotnet &lt;dll&gt;</c> processes on free loopback ports
/// with a random signing secret per external system; the settings for the bridge. Disposing stops every process
/// (TERM, then KILL after 15 s) and drops the database and the virtual host.
/// </summary>
internal sealed class RunStack : IAsyncDisposable
{
    public static readonly string[] Systems = ["MarketingPlatform", "ShippingSystem", "Email", "Sms", "Purchasing"];
    private static readonly string[] Services = ["Consumers.Marketing", "Consumers.Shipping", "Consumers.Notifications"];
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(180);

    private readonly List<ChildProcess> _processes = [];
    private readonly PostgresAdmin _postgres;
    private readonly Action<string> _say;
    private RabbitMqCtl? _rabbit;
    private bool _databaseCreated;

    private RunStack(string runId, string runDirectory, ServerSettings servers, bool keepData, Action<string> say)
    {
        RunId = runId;
        RunDirectory = runDirectory;
        Servers = servers;
        KeepData = keepData;
        _say = say;
        _postgres = new PostgresAdmin(servers);
        Database = "bus_e2e_" + runId.Replace('-', '_');
        VirtualHost = "bus-e2e-" + runId;
        Prefix = "e2e-" + runId;
    }

    public string RunId { get; }

    public string RunDirectory { get; }

    public ServerSettings Servers { get; }

    public bool KeepData { get; }

    public string Database { get; }

    public string VirtualHost { get; }

    public string Prefix { get; }

    /// <summary>Any stand-in's base URL: every port serves the control API.</summary>
    public Uri StandInsUrl { get; private set; } = null!;

    public IReadOnlyList<ChildProcess> Processes => _processes;

    public RabbitMqCtl Rabbit => _rabbit ?? throw new InvalidOperationException("the virtual host is not created yet");

    public PostgresAdmin Postgres => _postgres;

    /// <summary>What the in-process bridge needs to publish into this run's virtual host.</summary>
    public Dictionary<string, string?> BridgeSettings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds the stand-ins and services (unless <paramref name="build"/> is false), then starts the stack.</summary>
    public static async Task<RunStack> StartAsync(
        string runId, string runDirectory, string repositoryRoot, string configuration, bool build, bool keepData,
        IReadOnlyDictionary<string, string> settings, Action<string> say, CancellationToken cancellationToken)
    {
        var dlls = Services.Prepend("StandIns").ToDictionary(p => p, p => Path.Combine(repositoryRoot, "src", p, "bin", configuration, "net10.0", $"Bus.{p}.dll"));
        if (build)
        {
            await BuildAsync(repositoryRoot, runDirectory, configuration, dlls.Keys, say, cancellationToken);
        }

        foreach (var dll in dlls.Values.Where(d => !File.Exists(d)))
        {
            throw new InvalidOperationException($"{dll} is missing: build first or drop --no-build");
        }

        var stack = new RunStack(runId, runDirectory, ServerSettings.FromEnvironment(), keepData, say);
        try
        {
            await stack.StartAsync(dlls, settings, cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.StopAsync(TimeSpan.FromSeconds(15))));
        if (KeepData)
        {
            _say($"kept database {Database} and virtual host {VirtualHost}");
            return;
        }

        if (_databaseCreated)
        {
            try
            {
                await _postgres.DropDatabaseAsync(Database);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
            {
                _say($"could not drop database {Database}: {e.Message}");
            }
        }

        if (_rabbit is not null)
        {
            await _rabbit.DeleteVirtualHostAsync(VirtualHost);
        }
    }

    private static async Task BuildAsync(string root, string runDirectory, string configuration, IEnumerable<string> projects, Action<string> say, CancellationToken cancellationToken)
    {
        // One build of a solution filter: the shared projects are compiled once.
        var filter = Path.Combine(runDirectory, "stack.slnf");
        var projectPaths = projects.Select(p => $"src/{p}/{p}.csproj").ToArray();
        await File.WriteAllTextAsync(filter, JsonSerializer.Serialize(new { solution = new { path = Path.Combine(root, "Bus.sln"), projects = projectPaths } }), cancellationToken);
        say($"building the stand-ins and the services ({configuration}); output in {runDirectory}/build.log");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "build", filter, "-c", configuration, "--nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet build");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(runDirectory, "build.log"), await output + await error, cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the build failed (see {runDirectory}/build.log)");
        }
    }

    private async Task StartAsync(Dictionary<string, string> dlls, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        await _postgres.CreateDatabaseAsync(Database, cancellationToken);
        _databaseCreated = true;
        _rabbit = await RabbitMqCtl.CreateVirtualHostAsync(VirtualHost, Servers.RabbitUser, Servers.RabbitNode, cancellationToken);
        _say($"run {RunId}: database {Database}, virtual host {VirtualHost}, queue prefix {Prefix}");

        var ports = new FreePorts();
        var systemPorts = Systems.ToDictionary(s => s, _ => ports.Next());
        var secrets = Systems.ToDictionary(s => s, _ => "e2e-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var common = new Dictionary<string, string>
        {
            ["BUS_E2E_RUN_ID"] = RunId,
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__EndpointPrefix"] = Prefix,
            ["Bus__RabbitMq__Host"] = Servers.RabbitHost,
            ["Bus__RabbitMq__Port"] = Servers.RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bus__RabbitMq__VirtualHost"] = VirtualHost,
            ["Bus__RabbitMq__Username"] = Servers.RabbitUser,
            ["Bus__RabbitMq__Password"] = Servers.RabbitPassword,
        };
        foreach (var (key, value) in common.Where(c => c.Key.StartsWith("Bus__", StringComparison.Ordinal)))
        {
            BridgeSettings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        BridgeSettings["Bridge:FailedRecords:Store"] = "File";
        BridgeSettings["Bridge:FailedRecords:Directory"] = Path.Combine(RunDirectory, "failed-records");
        // Per-batch Information lines would interleave with the run's own output; warnings and errors still show.
        BridgeSettings["Logging:LogLevel:Bus.StreamBridge"] = "Warning";

        var standIns = new Dictionary<string, string>(common) { ["StandIns__BindAddress"] = "127.0.0.1" };
        var service = new Dictionary<string, string>(common)
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = Servers.ConnectionString(Database),
            ["Database__MigrateOnStart"] = "true",
        };
        foreach (var system in Systems)
        {
            standIns[$"StandIns__Systems__{system}__Port"] = systemPorts[system].ToString(System.Globalization.CultureInfo.InvariantCulture);
            standIns[$"StandIns__Systems__{system}__SigningSecret"] = secrets[system];
            service[$"ExternalSystems__{system}__BaseUrl"] = $"http://127.0.0.1:{systemPorts[system]}/";
            service[$"ExternalSystems__{system}__SigningSecret"] = secrets[system];
        }

        foreach (var (key, value) in settings)
        {
            var variable = key.Replace(":", "__", StringComparison.Ordinal);
            standIns[variable] = value;
            service[variable] = value;
            BridgeSettings[key] = value;
        }

        await File.WriteAllLinesAsync(Path.Combine(RunDirectory, "settings.env"),
            service.Concat(standIns).Distinct().Select(kv => $"{kv.Key}={Mask(kv.Key, kv.Value)}").Order(StringComparer.Ordinal), cancellationToken);

        StandInsUrl = new Uri($"http://127.0.0.1:{systemPorts[Systems[0]]}/");
        var readiness = new List<(ChildProcess Process, Uri Url)>();
        var standInsProcess = Start("standins", dlls["StandIns"], standIns);
        readiness.AddRange(Systems.Select(s => (standInsProcess, new Uri($"http://127.0.0.1:{systemPorts[s]}/health"))));
        foreach (var project in Services)
        {
            var port = ports.Next();
            var name = project["Consumers.".Length..].ToLowerInvariant();
            var process = Start(name, dlls[project], new Dictionary<string, string>(service) { ["Urls"] = $"http://127.0.0.1:{port}" });
            readiness.Add((process, new Uri($"http://127.0.0.1:{port}/health/ready")));
        }

        var started = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        foreach (var (process, url) in readiness)
        {
            await WaitReadyAsync(http, process, url, started, cancellationToken);
        }

        _say($"stand-ins and services ready after {started.Elapsed.TotalSeconds:F0} s (migrations applied at start)");
    }

    private ChildProcess Start(string name, string dll, Dictionary<string, string> environment)
    {
        var process = ChildProcess.Start(name, dll, environment, Path.Combine(RunDirectory, name + ".log"));
        _processes.Add(process);
        return process;
    }

    private static async Task WaitReadyAsync(HttpClient http, ChildProcess process, Uri url, Stopwatch started, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer on a busy machine.
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited before it was ready (log {process.LogPath}):{Environment.NewLine}{process.Tail()}");
            }

            if (started.Elapsed > ReadyTimeout)
            {
                throw new InvalidOperationException($"{process.Name} was not ready within {ReadyTimeout.TotalSeconds:F0} s ({url}):{Environment.NewLine}{process.Tail()}");
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    private static string Mask(string key, string value) =>
        key.EndsWith("Password", StringComparison.Ordinal) || key.EndsWith("SigningSecret", StringComparison.Ordinal) ? "***"
        : key.EndsWith("ConnectionString", StringComparison.Ordinal) ? System.Text.RegularExpressions.Regex.Replace(value, "Password=[^;]*", "Password=***")
        : value;
}
