using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Bus.Benchmarks;

/// <summary><c>bench [--filter PATTERN] [other BenchmarkDotNet options]</c>; all benchmarks when no filter is given.</summary>
internal static class BenchCommand
{
    public static int Run(string[] args)
    {
        if (!args.Contains("--filter") && !args.Contains("-f"))
        {
            args = [.. args, "--filter", "*"];
        }

        // Fewer, longer iterations than BenchmarkDotNet's default: the machine is shared, and each operation
        // already covers thousands of records. In process: BenchmarkDotNet's generated project cannot find ours
        // (the assembly is Bus.Benchmarks, the project Benchmarks), and the process keeps the bridge's GC settings.
        var config = DefaultConfig.Instance
            .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchCommand).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
