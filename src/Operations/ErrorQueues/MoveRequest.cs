namespace Bus.Operations.ErrorQueues;

/// <summary>What to move: at most <paramref name="Count"/> messages of <paramref name="MessageType"/> (any type when
/// null) from <see cref="ErrorQueueNames.ErrorQueue"/> back to <see cref="ErrorQueueNames.Queue"/>.</summary>
/// <param name="Queues">The service's queue and its error queue.</param>
/// <param name="DryRun">Only count and list; every message stays where it is.</param>
/// <param name="Count">Move at most this many, from the head of the error queue; all when null.</param>
/// <param name="MessageType">A message type URN (<c>urn:message:Namespace:Type</c>) to move only messages of.</param>
public sealed record MoveRequest(ErrorQueueNames Queues, bool DryRun = false, int? Count = null, string? MessageType = null);
