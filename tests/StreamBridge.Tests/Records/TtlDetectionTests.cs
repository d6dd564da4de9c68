using Bus.StreamBridge.Tests.Builders;

namespace Bus.StreamBridge.Tests.Records;

/// <summary>DynamoDB marks TTL deletions with userIdentity {type: Service, principalId: dynamodb.amazonaws.com}.</summary>
public class TtlDetectionTests
{
    [Fact]
    public void A_remove_by_the_DynamoDB_service_principal_is_a_ttl_expiry()
    {
        Assert.True(Fixture.Record("customer-removes.json", 0).IsTtlExpiry);
    }

    [Fact]
    public void A_remove_without_user_identity_is_not_a_ttl_expiry()
    {
        Assert.False(Fixture.Record("customer-removes.json", 1).IsTtlExpiry);
    }

    [Fact]
    public void A_remove_by_another_service_principal_is_not_a_ttl_expiry()
    {
        Assert.False(Fixture.Record("customer-removes.json", 2).IsTtlExpiry);
    }

    [Fact]
    public void A_modify_by_the_service_principal_is_not_a_ttl_expiry()
    {
        Assert.False(Fixture.Record("customer-removes.json", 3).IsTtlExpiry);
    }

    [Fact]
    public void A_remove_by_a_user_named_like_the_service_is_not_a_ttl_expiry()
    {
        Assert.False(Fixture.Record("customer-removes.json", 4).IsTtlExpiry);
    }

    [Fact]
    public void A_null_user_identity_is_accepted()
    {
        var json = new StreamRecordJson { EventName = "REMOVE", NewImage = null, UserIdentity = "null" }.ToJson();

        Assert.False(Json.Record(json).IsTtlExpiry);
    }

    [Fact]
    public void A_kinesis_remove_by_the_service_principal_is_a_ttl_expiry()
    {
        var record = Fixture.Record("kinesis-precisions.json", 2);

        Assert.True(record.IsTtlExpiry);
    }
}
