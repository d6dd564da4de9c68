namespace Bus.Docs.Tests.Configuration;

/// <summary>A configuration section and the options class bound to it.</summary>
public sealed record OptionSection(string Prefix, Type OptionsType);
