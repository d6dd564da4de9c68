namespace Bus.Demo.Monitoring;

/// <summary>A message a service gave up on: it went to <c>&lt;Queue&gt;_error</c>.</summary>
public sealed record DeliveryFault(string Service, string Queue, string MessageType, string Reason);
