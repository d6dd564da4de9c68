using System.Runtime.InteropServices;

namespace Bus.EndToEnd.Stack;

/// <summary>Signals for the processes this run started: .NET can only kill (SIGKILL), and a service must get the chance
/// to stop its bus and finish its messages (SIGTERM) first.</summary>
internal static partial class Posix
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    private const int ScClockTicks = 2;

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>The unit of the CPU times in /proc/&lt;pid&gt;/stat and /proc/stat.</summary>
    public static long ClockTicksPerSecond { get; } = SysConf(ScClockTicks) is > 0 and var ticks ? ticks : 100;

    /// <summary>Signals the process group led by <paramref name="pid"/> (each child runs in a session of its own).</summary>
    public static bool SignalGroup(int pid, int signal) => Kill(-pid, signal) == 0;
}
