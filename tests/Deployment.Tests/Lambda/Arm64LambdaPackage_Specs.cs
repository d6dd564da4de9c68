using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;

namespace Bus.Deployment.Tests.Lambda;

/// <summary>The zip <c>scripts/package-lambda.sh --arch arm64</c> builds: the same package, for linux-arm64.</summary>
[Trait("Category", "Integration")]
public sealed class Arm64LambdaPackage_Specs(Arm64LambdaPackage package) : IClassFixture<Arm64LambdaPackage>
{
    /// <summary><see cref="Machine.Arm64"/> as a ReadyToRun image for Linux marks it (the OS value is 0x7B79).</summary>
    private const Machine LinuxArm64 = (Machine)(0xAA64 ^ 0x7B79);

    [Fact]
    public void The_deps_file_targets_linux_arm64_and_every_assembly_is_precompiled_for_it()
    {
        using var zip = package.Open();
        var deps = JsonNode.Parse(Read(zip.GetEntry("Bus.StreamBridge.deps.json")!))!;
        var assemblies = zip.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)).ToList();
        var notPrecompiled = new List<string>();
        foreach (var entry in assemblies)
        {
            using var pe = new PEReader(Read(entry));
            if (pe.PEHeaders.CorHeader is not { ManagedNativeHeaderDirectory.Size: > 0 } || pe.PEHeaders.CoffHeader.Machine != LinuxArm64)
            {
                notPrecompiled.Add($"{entry.FullName}: {pe.PEHeaders.CoffHeader.Machine}");
            }
        }

        Assert.Equal(".NETCoreApp,Version=v10.0/linux-arm64", deps["runtimeTarget"]!["name"]!.GetValue<string>());
        Assert.Contains(assemblies, e => e.FullName == "Bus.StreamBridge.dll");
        Assert.Equal([], notPrecompiled);
        Assert.InRange(new FileInfo(package.ZipPath).Length, 1, 50L * 1024 * 1024);
    }

    private static MemoryStream Read(ZipArchiveEntry entry)
    {
        var bytes = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        return bytes;
    }
}
