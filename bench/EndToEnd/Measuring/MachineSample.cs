using System.Globalization;

namespace Bus.EndToEnd.Measuring;

/// <summary>The whole machine at one moment: load averages and the CPU time counters of /proc/stat.</summary>
/// <param name="At">When it was read.</param>
/// <param name="Load1">1-minute load average.</param>
/// <param name="Load5">5-minute load average.</param>
/// <param name="Load15">15-minute load average.</param>
/// <param name="BusyTicks">CPU ticks spent on anything but idle and I/O wait, all cores.</param>
/// <param name="TotalTicks">All CPU ticks, all cores.</param>
internal sealed record MachineSample(DateTimeOffset At, double Load1, double Load5, double Load15, long BusyTicks, long TotalTicks)
{
    public static MachineSample Read()
    {
        var load = File.ReadAllText("/proc/loadavg").Split(' ');
        var cpu = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already in user).
        var total = cpu.Take(8).Sum();
        var idle = cpu[3] + cpu[4];
        return new MachineSample(DateTimeOffset.UtcNow, Parse(load[0]), Parse(load[1]), Parse(load[2]), total - idle, total);
    }

    /// <summary>Share of all cores busy between <paramref name="earlier"/> and this sample, 0..1.</summary>
    public double BusySince(MachineSample earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var total = TotalTicks - earlier.TotalTicks;
        return total <= 0 ? 0 : (double)(BusyTicks - earlier.BusyTicks) / total;
    }

    private static double Parse(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
