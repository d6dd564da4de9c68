namespace Bus.Benchmarks.Suites;

/// <summary>Which Lambda event shape the generated records take.</summary>
public enum RecordSource
{
    DynamoDbStreams,
    KinesisDataStreams,
}
