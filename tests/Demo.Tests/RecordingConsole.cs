using Spectre.Console;

namespace Bus.Demo.Tests;

/// <summary>A Spectre console writing plain text (no colours, not interactive, wide) to a string the specs read.</summary>
internal sealed class RecordingConsole : IDisposable
{
    private readonly StringWriter _output = new();

    public RecordingConsole()
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_output),
        });
        Console.Profile.Width = 250;
    }

    public IAnsiConsole Console { get; }

    public StringWriter Error { get; } = new();

    public string Output => _output.ToString();

    public void Dispose()
    {
        _output.Dispose();
        Error.Dispose();
    }
}
