namespace Bus.Demo;

/// <summary>One consumer service's share of a run.</summary>
/// <param name="Service">Marketing, Shipping or Notifications.</param>
/// <param name="Consumed">Messages its queues received and handled (events, copies included, and gateway commands).</param>
/// <param name="DuplicatesDropped">Copies of messages its inbox had consumed before, dropped without running a consumer.</param>
/// <param name="Faulted">Messages that faulted after every retry.</param>
public sealed record ServiceOutcome(string Service, long Consumed, long DuplicatesDropped, long Faulted);
