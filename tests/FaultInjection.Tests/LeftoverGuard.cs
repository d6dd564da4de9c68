using System.Diagnostics;
using System.Globalization;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// Stops what a run started even when the test host itself dies (killed by a hang time-out, Ctrl-C twice): a small
/// shell process, in a session of its own, waits for the test host to end and then runs the run's clean-up script.
/// Every process the run starts carries <c>BUS_FAULTS_RUN_ID=&lt;id&gt;</c> in its environment, and the script kills
/// exactly those (read from <c>/proc/*/environ</c>, so a reused process id is never hit), then the extra steps
/// registered here (stopping the private servers cleanly, removing their data).
/// </summary>
public sealed class LeftoverGuard : IAsyncDisposable
{
    public const string MarkerVariable = "BUS_FAULTS_RUN_ID";

    private readonly Lock _gate = new();
    private readonly List<string> _before = [];
    private readonly List<string> _after = [];
    private readonly string _script;
    private readonly Process _watcher;

    private LeftoverGuard(string runId, string script, Process watcher)
    {
        RunId = runId;
        _script = script;
        _watcher = watcher;
    }

    public string RunId { get; }

    /// <summary>The environment entry that marks a process as started by this run.</summary>
    public KeyValuePair<string, string> Marker => new(MarkerVariable, RunId);

    public static LeftoverGuard Start(string runId, string runDirectory)
    {
        var script = Path.Combine(runDirectory, "cleanup.sh");
        WriteScript(script, runId, [], []);
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[]
                 {
                     "bash", "-c",
                     $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; exec bash '{script}' >>'{script}.log' 2>&1",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var watcher = Process.Start(start) ?? throw new InvalidOperationException("the leftover guard did not start");
        watcher.StandardInput.Close();
        return new LeftoverGuard(runId, script, watcher);
    }

    /// <summary>Adds a shell step to the clean-up, run before or after it kills the marked processes.</summary>
    public void AddStep(string shellLine, bool beforeKilling = false)
    {
        lock (_gate)
        {
            (beforeKilling ? _before : _after).Add(shellLine);
            WriteScript(_script, RunId, _before, _after);
        }
    }

    /// <summary>The processes (other than this one) whose environment carries this run's marker.</summary>
    public IReadOnlyList<(int Pid, string CommandLine)> MarkedProcesses()
    {
        var marker = System.Text.Encoding.UTF8.GetBytes($"{MarkerVariable}={RunId}\0");
        var found = new List<(int, string)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            try
            {
                if (File.ReadAllBytes(Path.Combine(directory, "environ")).AsSpan().IndexOf(marker) >= 0)
                    found.Add((pid, File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim()));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone meanwhile, or not ours to read
            }
        }

        return found;
    }

    /// <summary>The normal end: the run has stopped everything itself; the watcher is no longer needed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_watcher.HasExited)
        {
            _watcher.Kill(entireProcessTree: true);
            await _watcher.WaitForExitAsync();
        }

        _watcher.Dispose();
    }

    private static void WriteScript(string path, string runId, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var lines = new List<string>
        {
            "#!/usr/bin/env bash",
            $"# Written by the fault-injection run {runId}: runs when its test host ended without stopping what it started.",
            "echo \"$(date -u +%FT%TZ) cleaning up after run " + runId + "\"",
        };
        lines.AddRange(before);
        lines.AddRange(
        [
            "for env in /proc/[0-9]*/environ; do",
            $"  if grep -qz '^{MarkerVariable}={runId}$' \"$env\" 2>/dev/null; then pid=${{env#/proc/}}; pid=${{pid%/environ}}; kill -KILL \"$pid\" 2>/dev/null && echo \"killed $pid\"; fi",
            "done",
        ]);
        lines.AddRange(after);
        var temporary = path + ".tmp";
        File.WriteAllLines(temporary, lines);
        File.Move(temporary, path, overwrite: true);
    }
}
