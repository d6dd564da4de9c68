using System.Diagnostics;
using System.Globalization;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// One consumer service process, <c>dotnet &lt;dll&gt;</c> from its build output directory (where its
/// <c>appsettings.json</c> is), with the run's settings in its environment. <see cref="Kill"/> is a real SIGKILL: no
/// shutdown code runs, in-flight messages stay unacknowledged, open transactions are cut off.
/// </summary>
public sealed class ServiceInstance : IAsyncDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logPath;
    private readonly Lock _gate = new();
    private Process? _process;
    private StreamWriter? _log;

    public ServiceInstance(string name, string project, int port, IReadOnlyDictionary<string, string> environment, string runDirectory)
    {
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
            var process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start");
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
            if (!IsRunning)
                throw new InvalidOperationException($"{Name} exited before it was ready; its log: {_logPath}\n{Tail(_logPath, 30)}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
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
