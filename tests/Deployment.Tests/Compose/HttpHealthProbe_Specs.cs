using System.Diagnostics;
using Bus.Deployment.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bus.Deployment.Tests.Compose;

/// <summary>deploy/docker/http-health, the images' health probe, against a real Kestrel server on loopback.</summary>
public sealed class HttpHealthProbe_Specs : IAsyncLifetime
{
    private WebApplication _server = null!;
    private string _base = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapGet("/health/ready", () => Results.Ok("Healthy"));
        _server.MapGet("/health/down", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        _server.MapGet("/health/silent", async (CancellationToken cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            return Results.Ok();
        });
        await _server.StartAsync();
        _base = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_2xx_answer_is_healthy()
    {
        Assert.Equal(0, (await Probe($"{_base}/health/ready")).ExitCode);
    }

    [Fact]
    public async Task A_503_answer_is_unhealthy_and_says_so()
    {
        var (exitCode, error) = await Probe($"{_base}/health/down");

        Assert.Equal(1, exitCode);
        Assert.Contains("503", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_URL_must_answer_2xx()
    {
        Assert.Equal(1, (await Probe($"{_base}/health/ready", $"{_base}/health/down")).ExitCode);
    }

    [Fact]
    public async Task A_closed_port_is_unhealthy()
    {
        var port = new Uri(_base).Port;
        await _server.StopAsync();

        Assert.Equal(1, (await Probe($"http://127.0.0.1:{port}/health/ready")).ExitCode);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_unhealthy_once_the_read_times_out()
    {
        var clock = Stopwatch.StartNew();

        var (exitCode, error) = await Probe(readTimeoutSeconds: 1, $"{_base}/health/silent");

        Assert.Equal(1, exitCode);
        Assert.Contains("no answer", error, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Only_plain_http_URLs_are_probed()
    {
        Assert.Equal(1, (await Probe("https://127.0.0.1/health/ready")).ExitCode);
    }

    // A loaded machine can take seconds over a server's first answer (JIT), so the read time-out is short only where the
    // time-out itself is the subject.
    private static Task<(int ExitCode, string Error)> Probe(params string[] urls) => Probe(readTimeoutSeconds: 15, urls);

    private static async Task<(int ExitCode, string Error)> Probe(int readTimeoutSeconds, params string[] urls)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Repository.PathOf("deploy/docker/http-health"));
        foreach (var url in urls)
        {
            start.ArgumentList.Add(url);
        }

        start.Environment["HTTP_HEALTH_TIMEOUT"] = readTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(readTimeoutSeconds * urls.Length + 20));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await error);
    }
}
