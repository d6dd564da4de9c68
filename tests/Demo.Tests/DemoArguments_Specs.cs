using Bus.Demo.Cli;
using Bus.Demo.Replay;

namespace Bus.Demo.Tests;

public sealed class DemoArguments_Specs
{
    [Fact]
    public void With_no_arguments_the_samples_are_replayed_and_one_batch_redelivered()
    {
        var arguments = DemoArguments.Parse([]);

        Assert.Equal([BatchFiles.SamplesDirectory], arguments.Paths);
        Assert.True(arguments.Settings.Redeliver);
        Assert.Null(arguments.Settings.DataDirectory);
        Assert.Equal("failed-records", arguments.Settings.FailedRecordsDirectory);
    }

    [Fact]
    public void Paths_options_and_setting_overrides_are_told_apart()
    {
        var arguments = DemoArguments.Parse(["a.json", "--no-redeliver", "dir", "--data", "db", "--timeout", "7.5", "--Bus:Anything=x=y"]);

        Assert.Equal(["a.json", "dir"], arguments.Paths);
        Assert.False(arguments.Settings.Redeliver);
        Assert.Equal("db", arguments.Settings.DataDirectory);
        Assert.Equal(TimeSpan.FromSeconds(7.5), arguments.Settings.QuietTimeout);
        Assert.Equal("x=y", arguments.Settings.Overrides["Bus:Anything"]);
    }

    [Theory]
    [InlineData("--timeout", "soon", "--timeout takes a positive number of seconds, not 'soon'")]
    [InlineData("--data", null, "--data needs a value")]
    [InlineData("-x", null, "unknown option '-x'")]
    public void Bad_options_are_named(string option, string? value, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => DemoArguments.Parse(value is null ? [option] : [option, value]));

        Assert.Equal(message, error.Message);
    }
}
