namespace Bus.EndToEnd.Measuring;

/// <summary>An external effect an event calls for.</summary>
/// <param name="System">The external system that must receive it.</param>
/// <param name="Path">The request path.</param>
/// <param name="Key">Its idempotency key.</param>
/// <param name="Required">False when the services may rightly drop it (a marketing sync of a customer deleted later).</param>
internal sealed record ExpectedEffect(string System, string Path, string Key, bool Required);
