using System.Diagnostics;
using Bus.Demo.Cli;

namespace Bus.Demo.Tests;

public sealed class DemoProcess_Specs
{
    [Fact]
    public async Task The_executable_answers_a_bad_batch_file_with_exit_2_and_the_reason_on_standard_error()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bus-demo-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"Records": 12}""", TestContext.Current.CancellationToken);
        try
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Bus.Demo.dll"), file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            Assert.Equal(DemoExitCodes.InvalidInput, process.ExitCode);
            Assert.StartsWith($"error: {file}: ", await error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, await output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
