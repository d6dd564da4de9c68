using System.Text;
using Bus.StreamBridge.Cli;

namespace Bus.StreamBridge.Tests.Cli;

/// <summary>Runs the command-line entry in process, as <c>dotnet Bus.StreamBridge.dll ARGS</c> would.</summary>
internal static class InProcessCli
{
    /// <summary>The exit status, standard output and standard error (with <c>\n</c> line ends) of one run.</summary>
    public static Task<(int Exit, string Output, string Error)> Run(params string[] args) => RunWithInput([], args);

    /// <summary>As <see cref="Run"/>, with <paramref name="input"/> as standard input.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunWithInput(byte[] input, params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter { NewLine = "\n" };
        var exit = await BridgeCli.RunAsync(args, () => new MemoryStream(input, writable: false), output, error);
        return (exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    /// <summary>A file of <c>samples/</c>, copied next to the tests.</summary>
    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);
}
