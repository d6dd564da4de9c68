using System.Text.Json.Nodes;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// One change the generator made to its model of a table, as DynamoDB would write it to the table's stream: the
/// images in DynamoDB's attribute-value JSON, and the external effects the services must perform for it.
/// </summary>
public sealed record GeneratedChange
{
    /// <summary>Position in the whole stream, in the order the changes were made.</summary>
    public required long Index { get; init; }

    public required string Table { get; init; }

    /// <summary>The key attribute's name (<c>customerId</c>).</summary>
    public required string KeyName { get; init; }

    public required string Key { get; init; }

    /// <summary><c>Customers/C-12</c>.</summary>
    public string Item => $"{Table}/{Key}";

    /// <summary>DynamoDB's <c>eventID</c>: 32 hex digits, unique per change.</summary>
    public required string EventId { get; init; }

    /// <summary><c>INSERT</c>, <c>MODIFY</c> or <c>REMOVE</c>.</summary>
    public required string EventName { get; init; }

    /// <summary>When the change was made (the stream's <c>ApproximateCreationDateTime</c>), microseconds apart at least.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    public JsonObject? OldImage { get; init; }

    public JsonObject? NewImage { get; init; }

    /// <summary>A REMOVE made by DynamoDB's time-to-live process.</summary>
    public bool ExpiredByTtl { get; init; }

    public IReadOnlyList<ExpectedEffect> Effects { get; init; } = [];

    /// <summary>What kind of change this was, for reports (<c>email</c>, <c>status SHIPPED</c>, <c>sale crossing</c>).</summary>
    public required string Description { get; init; }
}
