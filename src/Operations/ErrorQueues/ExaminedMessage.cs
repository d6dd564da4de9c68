namespace Bus.Operations.ErrorQueues;

/// <summary>One message of the error queue and what became of it.</summary>
/// <param name="Message">The message as it was in the error queue.</param>
/// <param name="Fate">What happened to it.</param>
/// <param name="Problem">Why the move failed, for <see cref="MessageFate.Failed"/>.</param>
public sealed record ExaminedMessage(ErrorQueueMessage Message, MessageFate Fate, string? Problem = null);
