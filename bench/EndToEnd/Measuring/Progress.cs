namespace Bus.EndToEnd.Measuring;

/// <summary>One poll during a phase: effects performed so far, the machine's load, each process's CPU seconds so far.</summary>
internal sealed record Progress(DateTimeOffset At, int Performed, double Load1, double Busy, IReadOnlyDictionary<string, double> CpuSeconds);
