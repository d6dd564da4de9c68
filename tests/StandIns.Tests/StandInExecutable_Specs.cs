using System.Diagnostics;
using System.Net;
using Bus.StandIns.Client;
using Bus.StandIns.Hosting;
using Bus.TestSupport;

namespace Bus.StandIns.Tests;

public sealed class StandInExecutable_Specs
{
    [Fact]
    public async Task The_executable_serves_every_system_on_the_ports_given_by_environment_variables_and_stops_on_request()
    {
        var ports = StandInSystems.All.ToDictionary(system => system, _ => LoopbackPort.Unused());
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Bus.StandIns.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (system, port) in ports)
        {
            start.Environment[$"StandIns__Systems__{system}__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        start.Environment["StandIns__Systems__Email__SigningSecret"] = "an-email-secret-from-the-environment";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            using var http = new HttpClient();
            var emailUrl = new Uri($"http://127.0.0.1:{ports[StandInSystems.Email]}/");
            await Bus.TestSupport.Eventually.True(async () => await Healthy(http, emailUrl), "the stand-in process answers /health", timeoutSeconds: 30);

            using var request = SignedRequests.Post(emailUrl, "/emails", """{"to":"x"}""", "an-email-secret-from-the-environment", "email:process");
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            var control = new StandInsClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[StandInSystems.Purchasing]}/") });
            var effects = await control.GetEffectsAsync(TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("email:process", Assert.Single(effects[StandInSystems.Email].Effects).Key);
            foreach (var (system, port) in ports)
            {
                Assert.True(await Healthy(http, new Uri($"http://127.0.0.1:{port}/")), $"{system} answers on {port}");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.Contains($"Email stand-in listening on http://127.0.0.1:{ports[StandInSystems.Email]}/", await output, StringComparison.Ordinal);
    }

    private static async Task<bool> Healthy(HttpClient http, Uri baseUrl)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(baseUrl, "health"), TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
