using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bus.Deployment.Tests.Support;
using Bus.TestSupport;

namespace Bus.Deployment.Tests.Lambda;

/// <summary>The zip <c>scripts/package-lambda.sh</c> builds, as the managed dotnet10 runtime will load it.</summary>
[Trait("Category", "Integration")]
public sealed partial class LambdaPackage_Specs(LambdaPackage package) : IClassFixture<LambdaPackage>
{
    [Fact]
    public void The_handler_assembly_and_its_runtime_files_are_at_the_root_of_the_package()
    {
        using var zip = package.Open();
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["Bus.StreamBridge.dll", "Bus.StreamBridge.deps.json", "Bus.StreamBridge.runtimeconfig.json", "appsettings.json", "Bus.Messaging.dll", "Bus.Contracts.dll"]), names);
        Assert.DoesNotContain(names, n => n.StartsWith("./", StringComparison.Ordinal) || n.StartsWith('/') || n.StartsWith("publish/", StringComparison.Ordinal));
        // Framework-dependent without an app host: the runtime starts the dll itself.
        Assert.DoesNotContain("Bus.StreamBridge", names);
    }

    [Fact]
    public void The_packaged_assembly_defines_the_handler_the_templates_name()
    {
        var handler = Yaml.LoadFile(LambdaTemplate_Specs.DynamoDbStreams)["Resources"]!["BridgeFunction"]!["Properties"]!["Handler"]!.GetValue<string>().Split("::");
        using var zip = package.Open();
        using var pe = new PEReader(LambdaPackage.Read(zip, handler[0] + ".dll"));
        var metadata = pe.GetMetadataReader();

        Assert.Equal(handler[0], metadata.GetString(metadata.GetAssemblyDefinition().Name));
        var type = metadata.TypeDefinitions.Select(metadata.GetTypeDefinition)
            .Single(t => $"{metadata.GetString(t.Namespace)}.{metadata.GetString(t.Name)}" == handler[1]);
        Assert.Contains(type.GetMethods().Select(metadata.GetMethodDefinition), m => metadata.GetString(m.Name) == handler[2]);
    }

    [Fact]
    public void The_package_targets_the_shared_frameworks_of_the_managed_dotnet_10_runtime()
    {
        using var zip = package.Open();
        var runtime = JsonNode.Parse(LambdaPackage.Read(zip, "Bus.StreamBridge.runtimeconfig.json"))!["runtimeOptions"]!;

        Assert.Equal("net10.0", runtime["tfm"]!.GetValue<string>());
        Assert.Null(runtime["includedFrameworks"]);
        Assert.Equal(["Microsoft.AspNetCore.App 10", "Microsoft.NETCore.App 10"],
            runtime["frameworks"]!.AsArray().Select(f => $"{f!["name"]} {f["version"]!.GetValue<string>().Split('.')[0]}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_package_keeps_the_runtimes_tiering_delay_that_the_cli_build_shortens()
    {
        using var zip = package.Open();
        var properties = JsonNode.Parse(LambdaPackage.Read(zip, "Bus.StreamBridge.runtimeconfig.json"))!["runtimeOptions"]!["configProperties"]!.AsObject();

        // Without the delay a cold start also recompiles start-up code (bench/README.md: twice the CPU).
        Assert.False(properties.ContainsKey("System.Runtime.TieredCompilation.CallCountingDelayMs"));
        Assert.True(properties["System.Runtime.TieredPGO"]!.GetValue<bool>());
    }

    [Fact]
    public void The_package_runs_the_non_concurrent_workstation_GC_that_the_templates_default_garbage_collector_keeps()
    {
        using var zip = package.Open();
        var properties = JsonNode.Parse(LambdaPackage.Read(zip, "Bus.StreamBridge.runtimeconfig.json"))!["runtimeOptions"]!["configProperties"]!.AsObject();

        // What bench/README.md measured ("The handler's memory"); GarbageCollector=SmallFootprint overrides it from the environment.
        Assert.False(properties["System.GC.Concurrent"]!.GetValue<bool>());
        Assert.False(properties.ContainsKey("System.GC.Server") && properties["System.GC.Server"]!.GetValue<bool>());
    }

    [Fact]
    public void Every_assembly_the_deps_file_lists_for_the_function_architecture_is_in_the_package()
    {
        using var zip = package.Open();
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var deps = JsonNode.Parse(LambdaPackage.Read(zip, "Bus.StreamBridge.deps.json"))!;
        var target = deps["runtimeTarget"]!["name"]!.GetValue<string>();

        Assert.Equal(".NETCoreApp,Version=v10.0/linux-x64", target);
        var missing = new List<string>();
        foreach (var (library, assets) in deps["targets"]![target]!.AsObject())
        {
            foreach (var asset in (assets!["runtime"]?.AsObject() ?? []).Select(a => Path.GetFileName(a.Key)))
            {
                if (!names.Contains(asset))
                {
                    missing.Add($"{library}: {asset}");
                }
            }

            foreach (var native in (assets!["native"]?.AsObject() ?? []).Select(a => Path.GetFileName(a.Key)))
            {
                if (!names.Contains(native))
                {
                    missing.Add($"{library}: {native}");
                }
            }
        }

        Assert.Equal([], missing);
        Assert.DoesNotContain(names, n => RuntimeFolder().IsMatch(n));
    }

    [Fact]
    public void Every_assembly_in_the_package_is_precompiled_for_linux_x64()
    {
        var assemblies = package.Assemblies(Machine.Amd64);

        Assert.Contains(assemblies, a => a.Name == "Bus.StreamBridge.dll");
        Assert.Equal([], assemblies.Where(a => !a.Precompiled).Select(a => $"{a.Name}: {a.Machine}"));
    }

    [Fact]
    public async Task The_packaged_entry_point_handles_a_batch_with_the_deployed_configuration()
    {
        var (exitCode, output, error) = await package.InvokeAsync(Sample("dynamodb-new-and-old-images.json"), new Dictionary<string, string>(), InvokeLimit);

        Assert.True(exitCode == 0, $"invoke exited {exitCode}:\n{error}");
        Assert.Equal("""{"batchItemFailures":[]}""" + "\n", output);
        Assert.Contains("Batch of 18 records: 18 published (24 events)", error, StringComparison.Ordinal);
        Assert.Contains("garbage collector: workstation, non-concurrent, gen0 budget up to", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_packaged_entry_point_runs_the_collector_that_the_small_footprint_parameter_sets_from_the_environment()
    {
        // The variables the templates' GarbageCollector=SmallFootprint adds to the function's environment.
        var environment = new Dictionary<string, string> { ["DOTNET_gcConcurrent"] = "1", ["DOTNET_GCgen0size"] = "0x1800000" };

        var (exitCode, output, error) = await package.InvokeAsync(Sample("dynamodb-new-and-old-images.json"), environment, InvokeLimit);

        Assert.True(exitCode == 0, $"invoke exited {exitCode}:\n{error}");
        Assert.Equal("""{"batchItemFailures":[]}""" + "\n", output);
        Assert.Contains("garbage collector: workstation, concurrent, gen0 budget up to 24 MiB", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_packaged_entry_point_reports_the_first_record_for_retry_when_the_broker_cannot_be_reached()
    {
        var environment = new Dictionary<string, string>
        {
            ["Bus__Transport"] = "RabbitMq",
            ["Bus__RabbitMq__Host"] = "127.0.0.1",
            ["Bus__RabbitMq__Port"] = LoopbackPort.Unused().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bridge__PublishTimeout"] = "00:00:02",
        };

        var (exitCode, output, _) = await package.InvokeAsync(Sample("dynamodb-new-and-old-images.json"), environment, InvokeLimit);

        Assert.Equal((1, """{"batchItemFailures":[{"itemIdentifier":"4421584500000000017450440091"}]}""" + "\n"), (exitCode, output));
    }

    [Fact]
    public void The_package_fits_Lambda_size_limits()
    {
        using var zip = package.Open();

        Assert.InRange(new FileInfo(package.ZipPath).Length, 1, 50L * 1024 * 1024);
        Assert.InRange(zip.Entries.Sum(e => e.Length), 1, 250L * 1024 * 1024);
    }

    [Fact]
    public async Task An_unknown_architecture_is_refused_before_anything_is_built()
    {
        var (exitCode, output, error) = await LambdaPackage.RunScript(["--arch", "sparc"], TimeSpan.FromSeconds(30));

        Assert.Equal((2, string.Empty), (exitCode, output));
        Assert.Equal("package-lambda: --arch must be x86_64 or arm64, not 'sparc'", error.Trim());
    }

    private static readonly TimeSpan InvokeLimit = TimeSpan.FromMinutes(2);

    private static string Sample(string name) => Repository.PathOf(Path.Combine("samples", name));

    /// <summary>A framework-dependent publish for one runtime flattens native assets to the root; a runtimes/ folder
    /// would mean assets for other platforms rode along.</summary>
    [GeneratedRegex("^runtimes/")]
    private static partial Regex RuntimeFolder();
}
