namespace Bus.Operations.ErrorQueues;

/// <summary>What a move (or its dry run) did with one message of the error queue.</summary>
public enum MessageFate
{
    /// <summary>Published to the service's queue, confirmed by the broker, then removed from the error queue.</summary>
    Moved,

    /// <summary>Dry run: it would have been moved; it is back in its place.</summary>
    WouldMove,

    /// <summary>Not of the requested message type; it is back in its place.</summary>
    OtherType,

    /// <summary>The broker did not confirm the publish (or returned it as unroutable); it is back in its place.</summary>
    Failed,
}
