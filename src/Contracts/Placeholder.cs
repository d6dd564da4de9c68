namespace Bus.Contracts;
/// <summary>x</summary>
public static class Placeholder;
