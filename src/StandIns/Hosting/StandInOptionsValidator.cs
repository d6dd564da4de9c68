using Microsoft.Extensions.Options;

namespace Bus.StandIns.Hosting;

internal sealed class StandInOptionsValidator : IValidateOptions<StandInOptions>
{
    public ValidateOptionsResult Validate(string? name, StandInOptions options)
    {
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
