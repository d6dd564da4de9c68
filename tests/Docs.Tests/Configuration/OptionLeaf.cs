using System.Reflection;

namespace Bus.Docs.Tests.Configuration;

/// <summary>One configuration key an options class binds: <c>Bridge:Tables:&lt;&gt;:Translator</c>, with every dictionary key
/// and list index written <c>&lt;&gt;</c>; its property, value type and the value it has when configuration does not set it.</summary>
public sealed record OptionLeaf(string Key, PropertyInfo Property, Type ValueType, object? Default);
