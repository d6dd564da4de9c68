namespace Bus.FaultInjection.Tests;

/// <summary>
/// An external effect a generated change must cause, worked out from the services' documented rules
/// (docs/services/): the stand-in that must receive it, the path, and the idempotency key the service derives from the
/// change (<c>&lt;effect&gt;:&lt;eventID&gt;:&lt;event type&gt;</c>), so it is counted exactly.
/// </summary>
/// <param name="System">The external system (stand-in) that must perform it.</param>
/// <param name="Path">The request path.</param>
/// <param name="Key">The <c>Idempotency-Key</c>.</param>
/// <param name="Item">The table item whose change causes it (<c>Customers/C-12</c>).</param>
/// <param name="Change">The generated change's position in the whole stream (its order of creation).</param>
public sealed record ExpectedEffect(string System, string Path, string Key, string Item, long Change);
