using Bus.Demo.Cli;
using Spectre.Console;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop at the next step and still remove the temporary databases; a second Ctrl+C ends the process at once.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};
return await DemoCli.RunAsync(args, AnsiConsole.Console, Console.Error, cancel.Token);
