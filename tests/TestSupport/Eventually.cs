namespace Bus.TestSupport;

public static class Eventually
{
    /// <summary>Polls until the condition holds; fails the test with the description when it does not within the timeout.</summary>
    public static async Task True(Func<Task<bool>> condition, string description, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out after {timeoutSeconds} s waiting until {description}");
            await Task.Delay(50);
        }
    }

    public static Task True(Func<bool> condition, string description, int timeoutSeconds = 20) =>
        True(() => Task.FromResult(condition()), description, timeoutSeconds);
}
