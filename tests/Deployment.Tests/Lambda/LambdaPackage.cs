using System.Diagnostics;
using System.IO.Compression;
using Bus.Deployment.Tests.Support;

namespace Bus.Deployment.Tests.Lambda;

/// <summary>Runs <c>scripts/package-lambda.sh</c> once for the class that uses it: a real Release publish, so it takes
/// tens of seconds on an idle machine and is bounded at ten minutes. For the x86_64 architecture; see
/// <see cref="Arm64LambdaPackage"/>.</summary>
public class LambdaPackage : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    private readonly string _architecture;

    public LambdaPackage()
        : this("x86_64")
    {
    }

    protected LambdaPackage(string architecture) => _architecture = architecture;

    private readonly string _directory = Directory.CreateTempSubdirectory("bus-lambda-package-").FullName;

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

    public static async Task<(int ExitCode, string Output, string Error)> RunScript(IEnumerable<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        start.ArgumentList.Add(Repository.PathOf("scripts/package-lambda.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
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
            throw new TimeoutException($"package-lambda.sh ran longer than {limit}");
        }

        return (process.ExitCode, await output, await error);
    }
}

/// <summary>The package for <c>--arch arm64</c> (Graviton functions).</summary>
public sealed class Arm64LambdaPackage() : LambdaPackage("arm64");
