using System.Globalization;
using Bus.EndToEnd.Stack;

namespace Bus.EndToEnd.Measuring;

/// <summary>A process's memory and CPU time as Linux reports them.</summary>
/// <param name="PeakRssBytes">VmHWM: the highest resident set since the process started.</param>
/// <param name="RssBytes">VmRSS now.</param>
/// <param name="CpuSeconds">User plus system time of all its threads so far.</param>
internal sealed record ProcessSample(long PeakRssBytes, long RssBytes, double CpuSeconds)
{
    /// <summary>Null when the process is gone or /proc cannot be read.</summary>
    public static ProcessSample? Read(int pid)
    {
        try
        {
            var status = File.ReadAllLines($"/proc/{pid}/status");
            return new ProcessSample(Kilobytes(status, "VmHWM:") * 1024, Kilobytes(status, "VmRSS:") * 1024, ReadCpuSeconds(pid));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>User plus system CPU seconds of <paramref name="pid"/>, or null when it is gone.</summary>
    public static double? TryCpuSeconds(int pid)
    {
        try
        {
            return ReadCpuSeconds(pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static double ReadCpuSeconds(int pid)
    {
        // Fields after the parenthesised command name (which may hold spaces): state is field 3, utime 14, stime 15.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (double)ticks / Posix.ClockTicksPerSecond;
    }

    private static long Kilobytes(string[] status, string field)
    {
        var line = Array.Find(status, l => l.StartsWith(field, StringComparison.Ordinal))
            ?? throw new FormatException($"no {field} in /proc/<pid>/status");
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
