using MassTransit;

namespace Bus.Contracts.Items;

/// <summary>
/// An item of an opted-in table was inserted, modified or removed: the raw change, with its images as plain JSON.
/// For audit logs, materialized views and event-sourced histories of any table.
/// </summary>
/// <remarks>
/// <para>
/// Published once per stream record of every table configured to opt in, in addition to any domain events
/// (<c>Bus.Contracts.Customers</c>, …) the same change raises. <see cref="ChangeMetadata.ChangeKind"/> says which
/// kind of change it was.
/// </para>
/// <para>
/// Images are the DynamoDB attribute-value JSON converted to plain JSON: <c>S</c> → string; <c>N</c> → JSON number
/// with exactly the digits DynamoDB sent (up to 38 significant digits, magnitudes 1e-130 to 1e+126: read it as
/// raw text or <see cref="decimal"/> where it fits, never through <see cref="double"/>); <c>B</c> → base64 string;
/// <c>SS</c> → array of strings; <c>NS</c> → array of numbers (digits as sent); <c>BS</c> → array of base64
/// strings; <c>M</c> → object; <c>L</c> → array; <c>NULL</c> → <c>null</c>; <c>BOOL</c> → <c>true</c>/<c>false</c>.
/// The type tags are not kept, so a string set and a list of strings look alike; sets are unordered in DynamoDB,
/// so do not rely on the order of their arrays.
/// </para>
/// <para>
/// Personal data in the images travels as is: a consumer that stores them owns erasing them.
/// </para>
/// </remarks>
[MessageUrn("Bus.Contracts.Items:ItemChanged")]
[EntityName("Bus.Contracts.Items:ItemChanged")]
public sealed record ItemChanged : IChangeEvent
{
    /// <inheritdoc/>
    public required ChangeMetadata Change { get; init; }

    /// <summary>Name of the DynamoDB table the item lives in; equals <see cref="ChangeMetadata.SourceTable"/>.</summary>
    public required string TableName { get; init; }

    /// <summary>
    /// The item's key attributes (partition key and, if the table has one, sort key) as plain JSON object text,
    /// e.g. <c>{"customerId":"C-1"}</c>. Always present, whatever the stream view type.
    /// </summary>
    public required string Keys { get; init; }

    /// <summary>
    /// The item before the change, as plain JSON object text; null for an insert, or when the stream view type
    /// (<c>KEYS_ONLY</c>, <c>NEW_IMAGE</c>) does not carry old images.
    /// </summary>
    public string? OldImage { get; init; }

    /// <summary>
    /// The item after the change, as plain JSON object text; null for a removal, or when the stream view type
    /// (<c>KEYS_ONLY</c>, <c>OLD_IMAGE</c>) does not carry new images.
    /// </summary>
    public string? NewImage { get; init; }

    /// <summary>
    /// Names of the top-level attributes that differ between <see cref="OldImage"/> and <see cref="NewImage"/>
    /// (added, removed or changed); the order is not significant. For an insert or a removal: every attribute of
    /// the image that is present.
    /// </summary>
    /// <remarks>
    /// DynamoDB writes no stream record for a write that changes nothing, so an empty list on a modify means the
    /// difference is unknown (the stream did not carry both images), not that nothing changed.
    /// </remarks>
    public required IReadOnlyList<string> ChangedAttributes { get; init; }

    /// <summary>
    /// True when DynamoDB's time-to-live process removed the item (<c>userIdentity</c> type <c>Service</c>,
    /// principal <c>dynamodb.amazonaws.com</c>); false for every other change.
    /// </summary>
    public required bool ExpiredByTtl { get; init; }
}
