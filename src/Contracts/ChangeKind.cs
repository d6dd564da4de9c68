namespace Bus.Contracts;

/// <summary>
/// The kind of item change, taken from the DynamoDB stream record's <c>eventName</c>.
/// </summary>
/// <remarks>
/// Values are pinned: MassTransit's default System.Text.Json serializer writes enums as numbers, so a member's
/// number is part of the wire contract. New members are only ever appended.
/// </remarks>
public enum ChangeKind
{
    /// <summary><c>INSERT</c>: a new item was written to the table. Only a new image exists.</summary>
    Insert = 0,

    /// <summary><c>MODIFY</c>: an existing item was changed. Both an old and a new image exist.</summary>
    Modify = 1,

    /// <summary><c>REMOVE</c>: the item was deleted, by the application or by DynamoDB's TTL process. Only an old image exists.</summary>
    Remove = 2,
}
