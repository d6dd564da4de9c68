namespace Bus.StreamBridge.Failures;

/// <summary>Where a record that can never succeed failed.</summary>
public enum FailureStage
{
    /// <summary>The record does not follow the DynamoDB Streams or Kinesis format.</summary>
    Decode,

    /// <summary>The item does not match its table's schema, the stream lacks a needed image, or the translator threw.</summary>
    Translate,

    /// <summary>No route matches the table or item and the bridge is configured to keep such records.</summary>
    Route,
}
