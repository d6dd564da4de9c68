using Bus.Benchmarks;
using Bus.Benchmarks.Generation;
using Bus.Benchmarks.Handler;

return args.Length == 0 ? Usage() : args[0] switch
{
    "generate" => GenerateCommand.Run(args[1..]),
    "bench" => BenchCommand.Run(args[1..]),
    "handler" => await HandlerCommand.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Bus.Benchmarks <command>
          generate --records N --out FILE [--kinesis] [--per-event N] [--seed N]
          bench [BenchmarkDotNet options, e.g. --filter *Decode*]
          handler [--records N] [--iterations N] [--warmup N] [--kinesis]
        """);
    return 2;
}
