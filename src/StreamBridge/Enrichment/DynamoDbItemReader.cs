using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Bus.StreamBridge.Decoding;

namespace Bus.StreamBridge.Enrichment;

/// <summary>
/// Completes KEYS_ONLY and OLD_IMAGE records with a strongly consistent <c>GetItem</c>. Errors propagate: the
/// record then counts as failed and Lambda retries it, because a throttled or unreachable table is transient.
/// </summary>
public sealed class DynamoDbItemReader(IAmazonDynamoDB dynamoDb) : IItemReader
{
    public async Task<AttributeMap?> GetItemAsync(string tableName, AttributeMap keys, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = SdkAttributeValues.ToSdk(keys),
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? SdkAttributeValues.FromSdk(item) : null;
    }
}
