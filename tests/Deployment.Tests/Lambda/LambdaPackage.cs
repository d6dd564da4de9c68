using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.PortableExecutable;
using Bus.Deployment.Tests.Support;

namespace Bus.Deployment.Tests.Lambda;

/// <summary>Runs <c>scripts/package-lambda.sh</c> once for the class that uses it: a real Release publish, so it takes
/// tens of seconds on an idle machine and is bounded at ten minutes. For the x86_64 architecture; see
/// <see cref="Arm64LambdaPackage"/>.</summary>
public class LambdaPackage : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    /// <summary>A ReadyToRun image for Linux marks its COFF machine as the target's XOR this value.</summary>
    private const ushort LinuxReadyToRunMachine = 0x7B79;

    private readonly string _architecture;
    private readonly string _directory = Directory.CreateTempSubdirectory("bus-lambda-package-").FullName;

    public LambdaPackage()
        : this("x86_64")
    {
    }

    protected LambdaPackage(string architecture) => _architecture = architecture;

    public string ZipPath => Path.Combine(_directory, "stream-bridge.zip");

    public ZipArchive Open() => ZipFile.OpenRead(ZipPath);

    public async ValueTask InitializeAsync()
    {
        var (exitCode, output, error) = await RunScript(["--arch", _architecture, "--output", ZipPath], Limit);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"package-lambda.sh exited {exitCode}:\n{error}");
        }

        if (output.Trim() != ZipPath)
        {
            throw new InvalidOperationException($"package-lambda.sh printed '{output.Trim()}', not the zip it wrote");
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>The package's assemblies (<c>.dll</c> entries), each with whether it is a ReadyToRun image for Linux on
    /// <paramref name="target"/>: one with a native header and the COFF machine such an image has.</summary>
    public IReadOnlyList<(string Name, bool Precompiled, Machine Machine)> Assemblies(Machine target)
    {
        var readyToRun = (Machine)((ushort)target ^ LinuxReadyToRunMachine);
        using var zip = Open();
        var assemblies = new List<(string, bool, Machine)>();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
        {
            using var pe = new PEReader(Read(zip, entry.FullName));
            var machine = pe.PEHeaders.CoffHeader.Machine;
            assemblies.Add((entry.FullName, pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 } && machine == readyToRun, machine));
        }

        return assemblies;
    }

    /// <summary>One entry of <paramref name="zip"/>, read into memory.</summary>
    public static MemoryStream Read(ZipArchive zip, string name)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"the package has no {name}");
        var bytes = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        return bytes;
    }

    /// <summary>Runs <c>dotnet Bus.StreamBridge.dll invoke EVENT</c> in the unzipped package, as Lambda lays it out in
    /// <c>/var/task</c>: the packaged entry point, with the function's configuration plus <paramref name="environment"/>.
    /// The zip is unzipped on the first call (xunit runs one class's tests, which share this fixture, one at a time).</summary>
    public Task<(int ExitCode, string Output, string Error)> InvokeAsync(string eventFile, IReadOnlyDictionary<string, string> environment, TimeSpan limit)
    {
        var task = Path.Combine(_directory, "task");
        if (!Directory.Exists(task))
        {
            ZipFile.ExtractToDirectory(ZipPath, task);
        }

        return Run("dotnet", ["Bus.StreamBridge.dll", "invoke", eventFile], task, environment, limit);
    }

    public static Task<(int ExitCode, string Output, string Error)> RunScript(IEnumerable<string> arguments, TimeSpan limit) =>
        Run("bash", [Repository.PathOf("scripts/package-lambda.sh"), .. arguments], Repository.Root, new Dictionary<string, string>(), limit);

    private static async Task<(int ExitCode, string Output, string Error)> Run(
        string file, IEnumerable<string> arguments, string directory, IReadOnlyDictionary<string, string> environment, TimeSpan limit)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(limit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} ran longer than {limit}");
        }

        return (process.ExitCode, await output, await error);
    }
}

/// <summary>The package for <c>--arch arm64</c> (Graviton functions).</summary>
public sealed class Arm64LambdaPackage() : LambdaPackage("arm64");
