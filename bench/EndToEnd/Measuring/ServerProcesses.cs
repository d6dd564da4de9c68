namespace Bus.EndToEnd.Measuring;

/// <summary>
/// CPU time of the shared servers' processes, by command name (<c>postgres</c>, <c>beam.smp</c>): every PostgreSQL
/// process (the run's backends, but also other engineers' and the background writers) and the RabbitMQ node.
/// </summary>
internal static class ServerProcesses
{
    /// <summary>CPU seconds so far per pid of every process named <paramref name="command"/>.</summary>
    public static Dictionary<int, double> CpuByPid(string command)
    {
        var result = new Dictionary<int, double>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "comm")).Trim() == command && ProcessSample.TryCpuSeconds(pid) is { } cpu)
                {
                    result[pid] = cpu;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being looked at.
            }
        }

        return result;
    }

    /// <summary>CPU seconds spent between two readings: the growth of processes in both, all of those that started
    /// in between (processes that ended in between are missed).</summary>
    public static double CpuBetween(IReadOnlyDictionary<int, double> before, IReadOnlyDictionary<int, double> after, ISet<int>? only = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var sum = 0.0;
        foreach (var (pid, cpu) in after)
        {
            if (only is null || only.Contains(pid))
            {
                sum += cpu - before.GetValueOrDefault(pid);
            }
        }

        return sum;
    }
}
