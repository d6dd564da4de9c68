namespace Bus.Demo.Monitoring;

/// <summary>What one consumer service's receive endpoints did.</summary>
/// <param name="Service">The service.</param>
/// <param name="Consumed">Messages its endpoints received and handled without a fault: domain events (including the
/// copies its inbox dropped) and gateway commands.</param>
/// <param name="Faulted">Messages that faulted after every retry, and so went to an <c>_error</c> queue.</param>
public sealed record ServiceActivity(string Service, long Consumed, long Faulted);
