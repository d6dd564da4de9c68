namespace Bus.EndToEnd.Measuring;

/// <summary>One poll during a phase: effects performed so far and the machine's load.</summary>
internal sealed record Progress(DateTimeOffset At, int Performed, double Load1, double Busy);
