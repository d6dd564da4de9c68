using System.Diagnostics;
using System.Text;
using Bus.Consumers.Marketing;
using Bus.Consumers.Notifications;
using Bus.Consumers.Shipping.Hosting;
using Bus.Deployment.Tests.Support;
using Bus.Messaging.Hosting;
using Bus.TestSupport;
using Microsoft.Extensions.Configuration;

namespace Bus.Deployment.Tests.Compose;

/// <summary>
/// Each consumer service as its container would run it: its published assembly with the image's ENV and compose's
/// environment, probed by the image's health check until ready. Only what cannot be the same on this machine changes:
/// the other containers' host names become the servers on loopback (with their credentials, a database of the test's
/// own and a queue prefix), and the container's port 8080 a free one.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ComposeServiceProcess_Specs(ServerFixture servers) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(90);

    public static TheoryData<string> ConsumerServices =>
        [.. ComposeFile.Load().Built.Where(s => s.Project.Folder.StartsWith("src/Consumers.", StringComparison.Ordinal)).Select(s => s.Name).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ConsumerServices))]
    public async Task The_service_started_with_its_compose_environment_passes_its_image_health_check(string name)
    {
        var service = ComposeFile.Load().Services[name];
        var prefix = "deploy-" + Guid.NewGuid().ToString("N")[..8];
        await using var database = await servers.CreateDatabase();
        var port = LoopbackPort.Unused();
        var environment = OnThisMachine(ComposeFile_Specs.EffectiveEnvironment(service), database.Name, prefix, port);
        var healthcheck = service.HealthcheckTest!.Skip(1).Select(a => a.Replace(":8080/", $":{port}/", StringComparison.Ordinal)).ToList();

        var output = new StringBuilder();
        using var process = Start(service.Project, environment, output);
        try
        {
            var ready = await ProbeUntilHealthy(healthcheck, process);

            Assert.True(ready, $"{name} did not pass `{string.Join(' ', healthcheck)}` within {ReadyWithin.TotalSeconds} s; its output:\n{output}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            await servers.DeleteEndpoints(Endpoints(service.Project, App.For(service.Project).Configuration(environment)));
        }
    }

    [Fact]
    public async Task A_service_whose_broker_is_unreachable_answers_live_and_exits_with_75_when_its_bus_start_times_out()
    {
        // MassTransit never starts a bus again once its start hung or failed; the process must end so compose's
        // restart policy (unless-stopped) starts it again, while /health/live keeps answering until then.
        var service = ComposeFile.Load().Services["marketing"];
        Assert.Equal("unless-stopped", service.Restart);
        await using var database = await servers.CreateDatabase();
        var port = LoopbackPort.Unused();
        var environment = OnThisMachine(ComposeFile_Specs.EffectiveEnvironment(service), database.Name, "deploy-" + Guid.NewGuid().ToString("N")[..8], port);
        environment["Bus__RabbitMq__Port"] = LoopbackPort.Unused().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Bus__StartTimeout"] = "00:00:15";

        var output = new StringBuilder();
        var started = Stopwatch.StartNew();
        using var process = Start(service.Project, environment, output);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var live = false;
            while (!live && !process.HasExited && started.Elapsed < TimeSpan.FromSeconds(15))
            {
                try
                {
                    live = (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/live"))).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250));
                }
            }

            Assert.True(live, $"/health/live did not answer while the bus was starting; output:\n{output}");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            Assert.True(started.Elapsed >= TimeSpan.FromSeconds(15), $"exited after {started.Elapsed}, before Bus:StartTimeout");
            Assert.Equal(BusStartWatchdog.ExitCode, process.ExitCode);
            Assert.Contains("The bus did not start within 15 s (Bus:StartTimeout)", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
    }

    private Dictionary<string, string> OnThisMachine(Dictionary<string, string> environment, string database, string prefix, int port)
    {
        var local = new Dictionary<string, string>(environment, StringComparer.Ordinal)
        {
            ["Urls"] = environment["Urls"].Replace(":8080", $":{port}", StringComparison.Ordinal),
            ["Database__ConnectionString"] = servers.ConnectionString(database),
            ["Bus__RabbitMq__Host"] = servers.RabbitHost,
            ["Bus__RabbitMq__Port"] = servers.RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bus__RabbitMq__Username"] = servers.RabbitUser,
            ["Bus__RabbitMq__Password"] = servers.RabbitPassword,
            ["Bus__EndpointPrefix"] = prefix,
        };
        foreach (var key in environment.Keys.Where(k => k.EndsWith("__BaseUrl", StringComparison.Ordinal)))
        {
            // Not called while the service is idle; the address only has to be one this machine could resolve.
            local[key] = environment[key].Replace("//standins:", "//127.0.0.1:", StringComparison.Ordinal);
        }

        return local;
    }

    private static Process Start(ProjectFile project, IReadOnlyDictionary<string, string> environment, StringBuilder output)
    {
        // The test project references the service, so its build output sits beside ours in the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var directory = Repository.PathOf($"{project.Folder}/bin/{configuration}/net10.0");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(directory, project.AssemblyName + ".dll"));
        foreach (var inherited in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> ProbeUntilHealthy(List<string> healthcheck, Process service)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyWithin && !service.HasExited)
        {
            var probe = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
            probe.ArgumentList.Add(Repository.PathOf("deploy/docker/" + healthcheck[0]));
            foreach (var argument in healthcheck.Skip(1))
            {
                probe.ArgumentList.Add(argument);
            }

            using var process = Process.Start(probe)!;
            await process.WaitForExitAsync();
            if (process.ExitCode == 0)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        return false;
    }

    private static IEnumerable<string> Endpoints(ProjectFile project, IConfiguration configuration) => project.Folder switch
    {
        "src/Consumers.Marketing" => [MarketingEndpoints.From(configuration).Contacts, MarketingEndpoints.From(configuration).PlatformGateway],
        "src/Consumers.Shipping" => [ShippingEndpoints.From(configuration).Domain, ShippingEndpoints.From(configuration).Gateway],
        "src/Consumers.Notifications" => NotificationsEndpoints.From(configuration).All,
        _ => throw new InvalidOperationException($"no endpoint names for {project.Path}"),
    };

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
