namespace Bus.StreamBridge.Tests.Harness;

/// <summary>Tests that use <see cref="Hosting.LambdaFunction"/>'s one host per process: <c>invoke</c> stops it when it
/// is done, so they must not run at the same time as each other.</summary>
[CollectionDefinition(Name)]
public sealed class OneLambdaHost
{
    public const string Name = "LambdaFunction";
}
