using System.Diagnostics;

namespace Bus.FaultInjection.Tests;

/// <summary>
/// Runs a short-lived command (pg_ctl, rabbitmqctl, chown) to its end, bounded in time, and returns its output.
/// A command that starts a daemon (pg_ctl) may leave it holding the output pipe: the command's end is its exit, and
/// the output is whatever arrived by then and shortly after.
/// </summary>
public static class Command
{
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(3);

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        if (!process.Start())
            throw new InvalidOperationException($"{file} did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        if (process.HasExited)
            exited.TrySetResult();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await exited.Task.WaitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:F0} s: {await Text(output, error)}");
        }

        process.WaitForExit(1_000);
        return (process.ExitCode, await Text(output, error));
    }

    /// <summary>Like <see cref="RunAsync"/>, and fails with the output when the exit code is not 0.</summary>
    public static async Task<string> RunCheckedAsync(string file, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var list = arguments.ToList();
        var (code, output) = await RunAsync(file, list, timeout, environment, cancellationToken);
        return code == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', list)} exited with {code}:\n{output}");
    }

    private static async Task<string> Text(Task<string> output, Task<string> error)
    {
        var both = Task.WhenAll(output, error);
        await Task.WhenAny(both, Task.Delay(OutputGrace));
        return (output.IsCompletedSuccessfully ? output.Result : string.Empty) + (error.IsCompletedSuccessfully ? error.Result : string.Empty);
    }
}
