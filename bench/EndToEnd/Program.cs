using System.Reflection;
using System.Runtime.InteropServices;
using Bus.EndToEnd;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(RunOptions.Usage);
    return 0;
}

RunOptions options;
try
{
    options = RunOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}{Environment.NewLine}{RunOptions.Usage}");
    return 2;
}

var root = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(root, "Bus.sln")))
{
    root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))
        ?? throw new InvalidOperationException("run from inside the repository: Bus.sln not found above " + AppContext.BaseDirectory);
}

// The stand-ins and services are built and run in this program's own configuration.
var configuration = typeof(RunOptions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

// Ctrl-C and TERM end the run in order: every process it started is stopped and its database and virtual host dropped.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

try
{
    return await new EndToEndRun(options, root, configuration).RunAsync(stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("interrupted: everything the run started has been stopped");
    return 130;
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}
