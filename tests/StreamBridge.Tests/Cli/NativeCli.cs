using System.Diagnostics;
using System.Text;
using Bus.TestSupport;

namespace Bus.StreamBridge.Tests.Cli;

/// <summary>
/// Runs <c>scripts/publish-native-cli.sh</c> once for the class that uses it (a real Native AOT publish of the
/// checkout's sources: about a minute on an idle machine, bounded at ten) and runs the executable it writes.
/// </summary>
public sealed class NativeCli : IAsyncLifetime
{
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(1);

    private readonly string _directory = Directory.CreateTempSubdirectory("bus-native-cli-").FullName;

    public string Executable => Path.Combine(_directory, "Bus.StreamBridge");

    public async ValueTask InitializeAsync()
    {
        var script = Path.Combine(Checkout.Root, "scripts", "publish-native-cli.sh");
        var (exit, output, error) = await Run("bash", [script, "--output", _directory], stdin: [], PublishLimit);
        if (exit != 0)
        {
            throw new InvalidOperationException($"publish-native-cli.sh exited {exit}:\n{error}");
        }

        if (output.Trim() != Executable)
        {
            throw new InvalidOperationException($"publish-native-cli.sh printed '{output.Trim()}', not the executable it wrote");
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>The exit status, standard output and standard error (with <c>\n</c> line ends) of the native CLI.</summary>
    public Task<(int Exit, string Output, string Error)> RunAsync(byte[] stdin, params string[] args) => Run(Executable, args, stdin, RunLimit);

    private static async Task<(int Exit, string Output, string Error)> Run(string file, IEnumerable<string> arguments, byte[] stdin, TimeSpan limit)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
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
            await process.StandardInput.BaseStream.WriteAsync(stdin, timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} ran longer than {limit}");
        }

        return (process.ExitCode, await output, (await error).Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
