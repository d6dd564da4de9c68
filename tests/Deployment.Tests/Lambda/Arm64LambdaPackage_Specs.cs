using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;

namespace Bus.Deployment.Tests.Lambda;

/// <summary>The zip <c>scripts/package-lambda.sh --arch arm64</c> builds: the same package, for linux-arm64.</summary>
[Trait("Category", "Integration")]
public sealed class Arm64LambdaPackage_Specs(Arm64LambdaPackage package) : IClassFixture<Arm64LambdaPackage>
{
    [Fact]
    public void The_deps_file_targets_linux_arm64_and_every_assembly_is_precompiled_for_it()
    {
        using var zip = package.Open();
        var deps = JsonNode.Parse(LambdaPackage.Read(zip, "Bus.StreamBridge.deps.json"))!;
        var assemblies = package.Assemblies(Machine.Arm64);

        Assert.Equal(".NETCoreApp,Version=v10.0/linux-arm64", deps["runtimeTarget"]!["name"]!.GetValue<string>());
        Assert.Contains(assemblies, a => a.Name == "Bus.StreamBridge.dll");
        Assert.Equal([], assemblies.Where(a => !a.Precompiled).Select(a => $"{a.Name}: {a.Machine}"));
        Assert.InRange(new FileInfo(package.ZipPath).Length, 1, 50L * 1024 * 1024);
    }
}
