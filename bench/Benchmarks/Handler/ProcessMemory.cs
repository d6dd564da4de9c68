using System.Globalization;

namespace Bus.Benchmarks.Handler;

/// <summary>
/// The process's resident set from <c>/proc/self/status</c>. Linux lets a process reset its peak (VmHWM) by
/// writing 5 to <c>/proc/self/clear_refs</c>, which turns the lifetime peak into the peak of one batch.
/// </summary>
internal static class ProcessMemory
{
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Current resident set in bytes.</summary>
    public static long Resident() => Read("VmRSS:") ?? Environment.WorkingSet;

    /// <summary>Peak resident set in bytes since start or the last <see cref="ResetPeak"/>.</summary>
    public static long PeakResident() => Read("VmHWM:") ?? System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;

    private static long? Read(string field)
    {
        if (!File.Exists("/proc/self/status"))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kilobytes = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }
}
