using System.Globalization;

namespace Bus.ConsumerThroughput;

/// <summary>CPU time of other processes on this Linux machine, from <c>/proc</c> (clock ticks of 1/100 s).</summary>
public static class ProcCpu
{
    private const double TicksPerSecond = 100;

    /// <summary>User + system time of the RabbitMQ server (every <c>beam.smp</c> process); null where there is none on
    /// this machine (a broker elsewhere).</summary>
    public static TimeSpan? BrokerCpu()
    {
        long ticks = 0;
        var found = false;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() != "beam.smp")
                    continue;
                // After the command name in parentheses: state is field 3, utime 14 and stime 15.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                found = true;
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // A process that ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found ? TimeSpan.FromSeconds(ticks / TicksPerSecond) : null;
    }

    /// <summary>Busy time of all cores together (everything but idle and I/O wait), since boot.</summary>
    public static TimeSpan MachineBusy()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = cpu.Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var busy = values.Sum() - values[3] - values[4];
        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }
}
