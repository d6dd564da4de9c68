using System.Text.Json;
using Bus.StandIns.Hosting;

namespace Bus.StandIns.Tests;

public sealed class StandInSettings_Specs
{
    [Fact]
    public void The_default_ports_and_secrets_are_the_ones_the_services_appsettings_expect()
    {
        var expected = new List<(string, string, string)>();
        var actual = new List<(string, string, string)>();
        foreach (var service in new[] { "Consumers.Marketing", "Consumers.Shipping", "Consumers.Notifications" })
        {
            using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "src", service, "appsettings.json")));
            foreach (var system in settings.RootElement.GetProperty("ExternalSystems").EnumerateObject())
            {
                expected.Add((system.Name, system.Value.GetProperty("BaseUrl").GetString()!, system.Value.GetProperty("SigningSecret").GetString()!));
                var defaults = new StandInOptions();
                actual.Add((system.Name, defaults.ListenUrlOf(system.Name) + "/", defaults.SigningSecretOf(system.Name)));
            }
        }

        Assert.Equal(expected, actual);
        Assert.Equal(StandInSystems.All.Order(), expected.Select(e => e.Item1).Order());
    }

    [Fact]
    public async Task Settings_naming_an_unknown_system_or_a_short_secret_fail_start_with_every_problem_named()
    {
        var options = StandInOptions.OnFreeLoopbackPorts();
        options.Systems["Fax"] = new StandInSystemOptions { Port = 0 };
        options.Systems["Email"].SigningSecret = "short";
        options.BindAddress = "loopback";

        var error = await Assert.ThrowsAsync<ArgumentException>(() => StandInServer.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("unknown system 'Fax'", error.Message, StringComparison.Ordinal);
        Assert.Contains("StandIns:Systems:Email:SigningSecret must have at least 16 characters", error.Message, StringComparison.Ordinal);
        Assert.Contains("StandIns:BindAddress 'loopback' is not an IP address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_secret_replaces_the_default_one()
    {
        var options = StandInOptions.OnFreeLoopbackPorts();
        options.Systems["sms"].SigningSecret = "a-secret-of-the-operators-own";
        await using var server = await StandInServer.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient();

        using var withDefault = SignedRequests.Post(server.BaseUrlOf("Sms"), "/sms", "{}", StandInSystems.DefaultSigningSecret("Sms"), "sms:1");
        using var withConfigured = SignedRequests.Post(server.BaseUrlOf("Sms"), "/sms", "{}", "a-secret-of-the-operators-own", "sms:1");
        using var refused = await http.SendAsync(withDefault, TestContext.Current.CancellationToken);
        using var accepted = await http.SendAsync(withConfigured, TestContext.Current.CancellationToken);

        Assert.Equal((System.Net.HttpStatusCode.Unauthorized, System.Net.HttpStatusCode.OK), (refused.StatusCode, accepted.StatusCode));
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Bus.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Bus.sln above {AppContext.BaseDirectory}");
    }
}
