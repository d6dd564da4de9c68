using System.Globalization;

namespace Bus.WolverinePeer;

/// <summary>The machine's one-minute load average (Linux <c>/proc/loadavg</c>): how busy the shared cores were around a run.</summary>
public static class LoadAverage
{
    public static double? OneMinute()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path))
            return null;

        var first = File.ReadAllText(path).Split(' ', 2)[0];
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
    }
}
