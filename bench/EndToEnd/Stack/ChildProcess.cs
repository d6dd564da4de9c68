using System.Diagnostics;
using Bus.EndToEnd.Measuring;

namespace Bus.EndToEnd.Stack;

/// <summary>
/// One <c>dotnet &lt;dll&gt;</c> process of the stack, started from its build output directory (where its
/// <c>appsettings.json</c> is) in a session and process group of its own, its output in a log file, as
/// <c>scripts/stack.sh</c> does.
/// </summary>
internal sealed class ChildProcess
{
    private readonly Process _process;

    private ChildProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        // exec keeps the pid: sh becomes setsid, which (not being a group leader) becomes dotnet.
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", "exec setsid dotnet \"$0\" >\"$1\" 2>&1 </dev/null", dll, logPath })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        return new ChildProcess(name, process, logPath);
    }

    /// <summary>Peak and current resident set and CPU time so far, from /proc; null once the process is gone.</summary>
    public ProcessSample? Sample() => HasExited ? null : ProcessSample.Read(Pid);

    /// <summary>TERM to the group, KILL after <paramref name="grace"/>; waits until the process has exited.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        Posix.SignalGroup(Pid, Posix.SigTerm);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Posix.SignalGroup(Pid, Posix.SigKill);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>The last lines of the process's log, for an error message.</summary>
    public string Tail(int lines = 20)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(LogPath).TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(no log: {e.Message})";
        }
    }
}
