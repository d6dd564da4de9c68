namespace Bus.Operations.ErrorQueues;

/// <summary>What a move or a listing found and did, message by message in queue order.</summary>
/// <param name="Found">Messages in the error queue when it started.</param>
/// <param name="Messages">The messages it looked at, from the head of the queue.</param>
public sealed record MoveResult(uint Found, IReadOnlyList<ExaminedMessage> Messages)
{
    public int Moved => Count(MessageFate.Moved);

    public int WouldMove => Count(MessageFate.WouldMove);

    public int OtherType => Count(MessageFate.OtherType);

    public int Failed => Count(MessageFate.Failed);

    private int Count(MessageFate fate) => Messages.Count(m => m.Fate == fate);
}
