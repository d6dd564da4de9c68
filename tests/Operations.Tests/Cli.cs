using Bus.Operations.Cli;

namespace Bus.Operations.Tests;

/// <summary>Runs the operator CLI's entry point in the test process.</summary>
internal static class Cli
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exit = await OperationsCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
