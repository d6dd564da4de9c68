using System.Globalization;

namespace Bus.Benchmarks.Generation;

/// <summary><c>generate --records N --out FILE [--kinesis] [--per-event N] [--seed N]</c>.</summary>
internal static class GenerateCommand
{
    public static int Run(string[] args)
    {
        var records = 100_000;
        var perEvent = 0;
        var kinesis = false;
        var seed = 42;
        string? path = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--records": records = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--per-event": perEvent = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--out": path = args[++i]; break;
                case "--kinesis": kinesis = true; break;
                default:
                    Console.Error.WriteLine($"generate: unknown option {args[i]}");
                    return 2;
            }
        }

        if (path is null || records <= 0)
        {
            Console.Error.WriteLine("usage: generate --records N --out FILE [--kinesis] [--per-event N] [--seed N]");
            return 2;
        }

        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            EventFileWriter.Write(file, records, perEvent > 0 ? perEvent : records, kinesis, seed);
        }

        var size = new FileInfo(path).Length;
        Console.WriteLine($"wrote {records} {(kinesis ? "Kinesis" : "DynamoDB Streams")} records to {path}: " +
            $"{size / 1048576.0:F1} MiB, {size / records} bytes per record");
        return 0;
    }
}
