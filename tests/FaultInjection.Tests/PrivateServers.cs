using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;
using RabbitMQ.Client;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// A PostgreSQL cluster and a RabbitMQ node of this run's own, on free loopback ports, from the same server binaries the
/// shared ones run. The run restarts both while other engineers' tests (and, in CI, the other test projects) use the
/// shared servers: restarting those would break their tests, so the faults hit these instead. Both are stopped and their
/// data removed at the end; <see cref="LeftoverGuard"/> does it if the test host dies first.
/// </summary>
public sealed class PrivateServers : IAsyncDisposable
{
    public const string User = "bus";
    public const string Password = "bus";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly string _root;
    private readonly string _runDirectory;
    private readonly LeftoverGuard _guard;
    private readonly bool _keepData;
    private readonly string? _pgUser;
    private readonly string? _rabbitUser;
    private readonly string _pgBin;
    private Process? _rabbit;
    private readonly List<Process> _stoppedRabbits = [];
    private int _distPort;
    private int _epmdPort;

    private PrivateServers(string root, string runDirectory, LeftoverGuard guard, bool keepData, string pgBin)
    {
        _root = root;
        _runDirectory = runDirectory;
        _guard = guard;
        _keepData = keepData;
        _pgBin = pgBin;
        // PostgreSQL refuses to run as root, and the distribution's rabbitmqctl switches to the rabbitmq account (whose
        // Erlang cookie the node must share): as root, each server runs as its package's account.
        var root0 = Environment.UserName == "root";
        _pgUser = root0 ? "postgres" : null;
        _rabbitUser = root0 ? "rabbitmq" : null;
        RabbitNode = $"bus-faults-{guard.RunId}@localhost";
    }

    public int PgPort { get; private set; }

    public int RabbitPort { get; private set; }

    public string RabbitNode { get; }

    private string PgData => Path.Combine(_root, "pg", "data");

    private string PgSocketDirectory => Path.Combine(_root, "pg");

    // Also for restarts: the server started by pg_ctl must not write to (and hold open) pg_ctl's own output.
    private string PgLog => Path.Combine(_root, "pg", "postgresql.log");

    private string RabbitDirectory => Path.Combine(_root, "rabbitmq");

    /// <summary>Initialises and starts both servers; they boot in parallel (RabbitMQ takes the longer, up to a minute
    /// on a busy machine).</summary>
    public static async Task<PrivateServers> StartAsync(LeftoverGuard guard, string runDirectory, bool keepData, CancellationToken cancellationToken)
    {
        var pgBin = FindPostgresBin();
        var root = Path.Combine(Path.GetTempPath(), $"bus-faults-{guard.RunId}");
        Directory.CreateDirectory(root);
        var servers = new PrivateServers(root, runDirectory, guard, keepData, pgBin);
        if (!keepData)
            guard.AddStep($"rm -rf '{root}'");
        try
        {
            var ports = FreePorts(4);
            servers.PgPort = ports[0];
            servers.RabbitPort = ports[1];
            servers._distPort = ports[2];
            servers._epmdPort = ports[3];
            await Task.WhenAll(
                servers.StartPostgresAsync(cancellationToken),
                servers.StartRabbitMqAsync(cancellationToken));
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }

        return servers;
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = PgPort,
        Username = User,
        Password = Password,
        Database = database,
    }.ConnectionString;

    public ConnectionFactory RabbitFactory(string virtualHost = "/") => new()
    {
        HostName = "127.0.0.1",
        Port = RabbitPort,
        UserName = "guest",
        Password = "guest",
        VirtualHost = virtualHost,
    };

    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary><c>pg_ctl restart -m fast</c>: every connection is closed and open transactions roll back, as
    /// <c>pg_ctlcluster 15 main restart</c> does. Returns how long PostgreSQL was unavailable.</summary>
    public async Task<TimeSpan> RestartPostgresAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await AsPgUser(Path.Combine(_pgBin, "pg_ctl"), ["-D", PgData, "-l", PgLog, "-w", "-t", "60", "-m", "fast", "restart", "-o", PostgresOptions()], cancellationToken);
        return clock.Elapsed;
    }

    /// <summary>
    /// <c>rabbitmqctl shutdown</c> (the broker closes every connection, stops, and its Erlang runtime exits), then
    /// <c>rabbitmq-server</c> again on the same data directory: the node recovers its durable queues and persistent
    /// messages from disk and accepts connections again, as after <c>systemctl restart rabbitmq-server</c>. Returns how
    /// long the broker was unavailable.
    /// </summary>
    public async Task<TimeSpan> RestartRabbitMqAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await RabbitMqCtlAsync(["shutdown"], cancellationToken);
        if (_rabbit is { } stopped)
        {
            using var exit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            exit.CancelAfter(CommandTimeout);
            await stopped.WaitForExitAsync(exit.Token);
            _stoppedRabbits.Add(stopped);
        }

        LaunchRabbitMq();
        await WaitForRabbitMqAsync(TimeSpan.FromSeconds(150), cancellationToken);
        return clock.Elapsed;
    }

    public Task<string> RabbitMqCtlAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        Command.RunCheckedAsync(RabbitMqCtl, new[] { "-n", RabbitNode, "-q" }.Concat(arguments), CommandTimeout, RabbitEnvironment, cancellationToken);

    // Debian's /usr/sbin/rabbitmqctl runs the tool as the rabbitmq account for root and refuses every other user; a node
    // run by another user shares that user's Erlang cookie, so the tool itself is run as that user.
    private string RabbitMqCtl => _rabbitUser is null && File.Exists("/usr/lib/rabbitmq/bin/rabbitmqctl") ? "/usr/lib/rabbitmq/bin/rabbitmqctl" : "rabbitmqctl";

    // The node and every rabbitmqctl call to it use an epmd of their own on a private port. On the default port 4369 the
    // node would share the epmd of the shared broker, or, when none runs, start one that the shared broker registers
    // with later: stopping it at the end would then cut the shared broker off from its command-line tools.
    private Dictionary<string, string> RabbitEnvironment => new()
    {
        ["ERL_EPMD_PORT"] = _epmdPort.ToString(CultureInfo.InvariantCulture),
        [_guard.Marker.Key] = _guard.Marker.Value,
    };

    /// <summary>Every queue of the virtual host: name, messages ready, messages unacknowledged.</summary>
    public async Task<IReadOnlyList<(string Name, long Ready, long Unacknowledged)>> ListQueuesAsync(string virtualHost, CancellationToken cancellationToken)
    {
        var output = await RabbitMqCtlAsync(["list_queues", "-p", virtualHost, "name", "messages_ready", "messages_unacknowledged", "--no-table-headers"], cancellationToken);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 3)
            .Select(fields => (fields[0], long.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[2], CultureInfo.InvariantCulture)))
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(PgData, "postmaster.pid")))
                await AsPgUser(Path.Combine(_pgBin, "pg_ctl"), ["-D", PgData, "-w", "-t", "30", "-m", "immediate", "stop"], CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // the clean-up below kills whatever is left
        }

        if (_rabbit is { HasExited: false } rabbit)
        {
            // A throw-away node: no graceful stop needed. The whole session goes (runuser, the start script, the VM).
            await Command.RunAsync("kill", ["-KILL", "--", "-" + rabbit.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
            await rabbit.WaitForExitAsync();
        }

        _rabbit?.Dispose();
        foreach (var stopped in _stoppedRabbits)
            stopped.Dispose();
        // The node's epmd daemonised itself (a session of its own) and outlives the node; it serves only this run's port.
        foreach (var (pid, _) in _guard.MarkedProcesses().Where(p => p.CommandLine.Contains("epmd", StringComparison.Ordinal)))
            await Command.RunAsync("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        foreach (var log in new[] { PgLog, Path.Combine(RabbitDirectory, "log", RabbitNode + ".log") })
        {
            if (File.Exists(log))
                File.Copy(log, Path.Combine(_runDirectory, Path.GetFileName(log).Replace(RabbitNode, "rabbitmq", StringComparison.Ordinal)), overwrite: true);
        }

        if (!_keepData)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // a server process still closing files; the guard's step removes it
            }
        }
    }

    private string PostgresOptions() => string.Join(' ',
        $"-p {PgPort}", $"-k {PgSocketDirectory}", "-c listen_addresses=127.0.0.1", "-c max_connections=300",
        // The data is thrown away after the run and the machine does not crash: durability on disk buys nothing here.
        "-c fsync=off", "-c full_page_writes=off", "-c synchronous_commit=off");

    private async Task StartPostgresAsync(CancellationToken cancellationToken)
    {
        var pgDirectory = Path.Combine(_root, "pg");
        Directory.CreateDirectory(pgDirectory);
        await Own(pgDirectory, _pgUser, cancellationToken);
        await AsPgUser(Path.Combine(_pgBin, "initdb"), ["-D", PgData, "-U", User, "--auth=trust", "-E", "UTF8", "-N"], cancellationToken);
        _guard.AddStep($"{Sudo(_pgUser)}'{Path.Combine(_pgBin, "pg_ctl")}' -D '{PgData}' -m immediate stop", beforeKilling: true);
        await AsPgUser(Path.Combine(_pgBin, "pg_ctl"),
            ["-D", PgData, "-l", PgLog, "-w", "-t", "60", "start", "-o", PostgresOptions()], cancellationToken);
    }

    private async Task StartRabbitMqAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(RabbitDirectory);
        // No plugins (no management UI): the node boots faster, and rabbitmqctl does everything the run needs.
        await File.WriteAllTextAsync(RabbitPluginsFile, "[].\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(RabbitDirectory, "rabbitmq.conf"), "loopback_users = none\n", cancellationToken);
        await Own(RabbitDirectory, _rabbitUser, cancellationToken);
        LaunchRabbitMq();
        await WaitForRabbitMqAsync(TimeSpan.FromSeconds(150), cancellationToken);
    }

    private string RabbitPluginsFile => Path.Combine(RabbitDirectory, "enabled_plugins");

    private void LaunchRabbitMq()
    {
        var server = File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server") ? "/usr/lib/rabbitmq/bin/rabbitmq-server" : "rabbitmq-server";
        var environment = new[]
        {
            $"RABBITMQ_NODENAME={RabbitNode}",
            "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1",
            $"RABBITMQ_NODE_PORT={RabbitPort}",
            $"RABBITMQ_DIST_PORT={_distPort}",
            $"RABBITMQ_MNESIA_BASE={Path.Combine(RabbitDirectory, "mnesia")}",
            $"RABBITMQ_LOG_BASE={Path.Combine(RabbitDirectory, "log")}",
            $"RABBITMQ_ENABLED_PLUGINS_FILE={RabbitPluginsFile}",
            $"RABBITMQ_CONFIG_FILE={Path.Combine(RabbitDirectory, "rabbitmq")}",
            $"RABBITMQ_PID_FILE={Path.Combine(RabbitDirectory, "rabbitmq.pid")}",
        }.Concat(RabbitEnvironment.Select(e => $"{e.Key}={e.Value}"));
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var arguments = new List<string>();
        if (_rabbitUser is not null)
            arguments.AddRange(["runuser", "-u", _rabbitUser, "--"]);
        arguments.Add("env");
        if (_rabbitUser is not null)
            arguments.Add("HOME=" + HomeOf(_rabbitUser));
        arguments.AddRange(environment);
        arguments.Add(server);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        _rabbit = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start");
        _rabbit.StandardInput.Close();
        var output = Path.Combine(_runDirectory, "rabbitmq.out");
        _ = Drain(_rabbit.StandardOutput, output);
        _ = Drain(_rabbit.StandardError, output);
    }

    private async Task WaitForRabbitMqAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < timeout)
        {
            if (_rabbit is { HasExited: true })
                throw new InvalidOperationException($"the private RabbitMQ node exited during start-up; see {_runDirectory}/rabbitmq.out");
            try
            {
                await using var connection = await RabbitFactory().CreateConnectionAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = e;
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new TimeoutException($"the private RabbitMQ node did not accept connections within {timeout.TotalSeconds:F0} s: {last?.Message}");
    }

    private Task<string> AsPgUser(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string> { [_guard.Marker.Key] = _guard.Marker.Value };
        return _pgUser is null
            ? Command.RunCheckedAsync(file, arguments, CommandTimeout, environment, cancellationToken)
            : Command.RunCheckedAsync("runuser", new[] { "-u", _pgUser, "--", file }.Concat(arguments), CommandTimeout, environment, cancellationToken);
    }

    private static string Sudo(string? user) => user is null ? string.Empty : $"runuser -u {user} -- ";

    private static async Task Own(string directory, string? user, CancellationToken cancellationToken)
    {
        if (user is not null)
            await Command.RunCheckedAsync("chown", ["-R", $"{user}:", directory], CommandTimeout, cancellationToken: cancellationToken);
    }

    private static string HomeOf(string user)
    {
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            if (fields.Length > 5 && fields[0] == user)
                return fields[5];
        }

        throw new InvalidOperationException($"no account {user} in /etc/passwd");
    }

    private static string FindPostgresBin()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin: install the postgresql package");
    }

    // Below Linux's ephemeral range (32768+), so no outgoing connection holds the port either (as scripts/stack.sh does).
    private static int[] FreePorts(int count)
    {
        var chosen = new HashSet<int>();
        while (chosen.Count < count)
        {
            var candidate = Random.Shared.Next(20_000, 32_000);
            if (chosen.Contains(candidate))
                continue;
            try
            {
                using var listener = new TcpListener(System.Net.IPAddress.Loopback, candidate);
                listener.Start();
                listener.Stop();
                chosen.Add(candidate);
            }
            catch (SocketException)
            {
                // taken
            }
        }

        return [.. chosen];
    }

    private static async Task Drain(StreamReader reader, string path)
    {
        await using var writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
        while (await reader.ReadLineAsync() is { } line)
            await writer.WriteLineAsync(line);
    }
}
