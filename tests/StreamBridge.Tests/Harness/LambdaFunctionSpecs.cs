using Bus.StreamBridge.Hosting;

namespace Bus.StreamBridge.Tests.Harness;

/// <summary>The Lambda entry point as the managed runtime calls it: a new instance, a stream in, a stream out.</summary>
[Collection(OneLambdaHost.Name)]
public sealed class LambdaFunctionSpecs
{
    [Fact]
    public async Task The_entry_point_handles_a_batch_with_the_deployed_configuration()
    {
        var function = new LambdaFunction();

        var response = await function.Handle(BridgeHarness.Sample("dynamodb-new-and-old-images.json"));

        Assert.Equal("""{"batchItemFailures":[]}""", await BridgeHarness.ReadAllAsync(response));
    }
}
