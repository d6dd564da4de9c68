using System.Diagnostics;
using System.Globalization;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// One consumer service process, <c>dotnet &lt;dll&gt;</c> from its build output directory (where its
/// <c>appsettings.json</c> is), with the run's settings in its environment. <see cref="Kill"/> is a real SIGKILL: no
/// shutdown code runs, in-flight messages stay unacknowledged, open transactions are cut off.
/// A process that exits on its own is started again after a second, as the deployments' restart policies do
/// (<c>restart: unless-stopped</c> in docker-compose.yml): a service exits when its start-up fails, e.g. when PostgreSQL
/// restarts while it applies its migrations. Each such exit is recorded; after <see cref="MaxUnexpectedExits"/> the
/// instance stays down and waiting for it fails.
/// </summary>
public sealed class ServiceInstance : IAsyncDisposable
{
    public const int MaxUnexpectedExits = 3;

    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logPath;
    private readonly Lock _gate = new();
    private readonly Action<string> _runLog;
    private readonly List<string> _unexpectedExits = [];
    private Process? _process;
    private Process? _killed;
    private StreamWriter? _log;
    private bool _ready;
    private bool _restartPending;
    private bool _stopping;

    public ServiceInstance(string name, string project, int port, IReadOnlyDictionary<string, string> environment, string runDirectory,
        Action<string> runLog)
    {
        _runLog = runLog;
        Name = name;
        Port = port;
        _dll = ServiceBuild.DllOf(project);
        if (!File.Exists(_dll))
            throw new InvalidOperationException($"{_dll} is missing: build the test project (it references the services) first");
        _environment = new Dictionary<string, string>(environment) { ["Urls"] = $"http://127.0.0.1:{port}" };
        _logPath = Path.Combine(runDirectory, name + ".log");
    }

    /// <summary>Names the instance in reports and its log file (<c>shipping-2.log</c>).</summary>
    public string Name { get; }

    /// <summary>The port of its health endpoints (and Shipping's <c>GET /orders/{id}</c>).</summary>
    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>Times this instance was started (1 + restarts).</summary>
    public int Starts { get; private set; }

    /// <summary>Times it was killed with SIGKILL.</summary>
    public int Kills { get; private set; }

    /// <summary>Exits nobody asked for: when, with which code, and whether the process had been ready.</summary>
    public IReadOnlyList<string> UnexpectedExits
    {
        get
        {
            lock (_gate)
            {
                return [.. _unexpectedExits];
            }
        }
    }

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false };
            }
        }
    }

    public int? Pid
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false } p ? p.Id : null;
            }
        }
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_process is { HasExited: false })
                throw new InvalidOperationException($"{Name} is already running");

            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Path.GetDirectoryName(_dll)!,
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(_dll);
            foreach (var (name, value) in _environment)
                start.Environment[name] = value;

            _log ??= new StreamWriter(new FileStream(_logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            Starts++;
            Note($"starting (start {Starts})");
            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            process.Exited += (_, _) => OnExited(process);
            if (!process.Start())
                throw new InvalidOperationException($"{Name} did not start");
            _ready = false;
            _restartPending = false;
            process.StandardInput.Close();
            process.OutputDataReceived += (_, e) => Write(e.Data);
            process.ErrorDataReceived += (_, e) => Write(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process?.Dispose();
            _process = process;
        }
    }

    /// <summary>Until <c>/health/ready</c> answers 2xx (bus connected, database reachable).</summary>
    public async Task WaitReadyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            bool running, restarting;
            lock (_gate)
            {
                running = _process is { HasExited: false };
                restarting = _restartPending;
            }

            if (!running && !restarting)
                throw new InvalidOperationException($"{Name} exited before it was ready ({_unexpectedExits.Count} exits on its own); its log: {_logPath}\n{Tail(_logPath, 30)}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    lock (_gate)
                    {
                        _ready = true;
                    }

                    Note($"ready after {clock.Elapsed.TotalSeconds:F1} s");
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // the probe's own time-out
            }

            if (clock.Elapsed > timeout)
                throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:F0} s; its log: {_logPath}\n{Tail(_logPath, 30)}");
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public async Task Kill()
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
            if (process is null || process.HasExited)
                return;
            Kills++;
            _killed = process;
            Note($"SIGKILL (pid {process.Id.ToString(CultureInfo.InvariantCulture)})");
            // Process.Kill sends SIGKILL on Unix; a service starts no child processes of its own.
            process.Kill();
        }

        await process.WaitForExitAsync();
    }

    /// <summary>The end of the run: SIGTERM (a graceful stop), SIGKILL after 15 s.</summary>
    public async ValueTask DisposeAsync()
    {
        Process? process;
        lock (_gate)
        {
            _stopping = true;
            process = _process;
        }

        if (process is { HasExited: false })
        {
            await Command.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        process?.Dispose();
        lock (_gate)
        {
            Note("stopped");
            _log?.Dispose();
            _log = null;
        }
    }

    private void OnExited(Process process)
    {
        string line;
        lock (_gate)
        {
            if (_stopping || ReferenceEquals(process, _killed) || !ReferenceEquals(process, _process))
                return;
            var code = process.ExitCode.ToString(CultureInfo.InvariantCulture);
            _unexpectedExits.Add($"{DateTime.UtcNow:HH:mm:ss} {Name} exited on its own with code {code} {(_ready ? "while running" : "during start-up")}");
            _restartPending = _unexpectedExits.Count <= MaxUnexpectedExits;
            line = $"{Name} exited on its own with code {code} {(_ready ? "while running" : "during start-up")}; " +
                (_restartPending ? "starting it again in 1 s, as a restart policy would" : $"left down after {_unexpectedExits.Count} such exits");
        }

        Note(line);
        _runLog(line);
        if (!_restartPending)
            return;
        _ = Task.Run(async () =>
        {
            await Task.Delay(1_000);
            lock (_gate)
            {
                // Checked and started under one lock: a stop that comes meanwhile must not leave a new process behind.
                if (!_stopping && _restartPending)
                    Start();
            }
        });
    }

    private void Note(string text) => Write($"[fault-injection {DateTime.UtcNow:HH:mm:ss.fff}] {Name}: {text}");

    private void Write(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
        {
            _log?.WriteLine(line);
        }
    }

    private static string Tail(string path, int lines)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }
}
