namespace Bus.ConsumerThroughput;

public static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Max minus min of the runs.</summary>
    public static double Spread(IEnumerable<double> values)
    {
        var array = values.ToArray();
        return array.Max() - array.Min();
    }
}
