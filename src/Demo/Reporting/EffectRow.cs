namespace Bus.Demo.Reporting;

/// <summary>One line of an external system's table: what it was asked to do, about whom or what, and the detail.</summary>
public sealed record EffectRow(string Action, string Subject, string Detail);
