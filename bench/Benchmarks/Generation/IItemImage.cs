using System.Text.Json;

namespace Bus.Benchmarks.Generation;

/// <summary>One version of an item of a generated table, written in DynamoDB's attribute-value JSON.</summary>
internal interface IItemImage
{
    string Table { get; }

    /// <summary>The partition key value.</summary>
    string Key { get; }

    void WriteKeys(Utf8JsonWriter writer);

    void WriteImage(Utf8JsonWriter writer);
}
