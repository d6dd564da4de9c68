using Bus.Deployment.Tests.Support;
using Bus.StandIns;
using Bus.StandIns.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Bus.Deployment.Tests.Compose;

/// <summary>docker-compose.yml against the projects, Dockerfiles and option classes that exist. Docker cannot run
/// here, so everything compose and the images would find out at start is checked from the files.</summary>
public sealed class ComposeFile_Specs
{
    private static readonly ComposeFile Compose = ComposeFile.Load();

    [Fact]
    public void The_stack_has_the_broker_the_database_the_services_the_stand_ins_and_the_replay_jobs()
    {
        Assert.Equal(
            ["src/Consumers.Marketing", "src/Consumers.Notifications", "src/Consumers.Shipping", "src/StandIns", "src/StreamBridge", "src/StreamBridge"],
            Compose.Built.Select(s => s.Project.Folder).Order(StringComparer.Ordinal));
        Assert.StartsWith("rabbitmq:", Compose.ByImage("rabbitmq:").Image, StringComparison.Ordinal);
        Assert.EndsWith("-management", Compose.ByImage("rabbitmq:").Image, StringComparison.Ordinal);
        Assert.Equal("postgres:15", Compose.ByImage("postgres:").Image);
    }

    [Fact]
    public void Every_built_service_has_its_Dockerfile_and_builds_from_the_repository_root()
    {
        foreach (var service in Compose.Built)
        {
            Assert.True(File.Exists(Repository.PathOf(service.Build!)), $"{service.Name}: no {service.Build}");
            // The Dockerfiles COPY root-relative paths (Directory.Packages.props, src/Contracts/, …).
            Assert.Equal(Repository.Root, Repository.PathOf(service.BuildContext!).TrimEnd(Path.DirectorySeparatorChar));
        }
    }

    [Fact]
    public void Every_environment_variable_binds_to_an_option_the_service_reads()
    {
        foreach (var service in Compose.Built)
        {
            var app = App.For(service.Project);

            Assert.Equal([], app.Problems(EffectiveEnvironment(service)).Select(p => $"{service.Name}: {p}"));
        }
    }

    [Theory]
    [InlineData("Bus__RabbitMq__Hots", "rabbitmq", "Bus: ", "'Hots'")]
    [InlineData("Database__MigrateOnStart", "sometimes", "Database: ", "Database:MigrateOnStart")]
    [InlineData("ExternalSystems__Email__BaseUrl", "http://standins:9101/", "ExternalSystems:Email: ", "calls only MarketingPlatform")]
    [InlineData("Marketing__ContactConcurrency", "0", "start-up validation: ", "ContactConcurrency")]
    [InlineData("Shipping__DomainRetryLimit", "3", "Shipping__DomainRetryLimit: ", "reads no setting Shipping:DomainRetryLimit")]
    public void A_variable_the_service_cannot_use_is_reported(string name, string value, string problemStart, string problemNames)
    {
        var marketing = App.For(Compose.Services["marketing"].Project);

        var problems = marketing.Problems(new Dictionary<string, string> { [name] = value });

        Assert.Contains(problems, p => p.StartsWith(problemStart, StringComparison.Ordinal) && p.Contains(problemNames, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_dependency_exists_and_can_meet_its_condition()
    {
        foreach (var service in Compose.Services.Values)
        {
            foreach (var (name, condition) in service.DependsOn)
            {
                Assert.True(Compose.Services.TryGetValue(name, out var target), $"{service.Name} depends on {name}, which is not a service");
                switch (condition)
                {
                    case "service_healthy":
                        Assert.True(target.HealthcheckTest is { Count: > 1 } test && test[0] != "NONE", $"{service.Name} waits for {name} to be healthy, but {name} has no health check");
                        break;
                    case "service_completed_successfully":
                        Assert.True(target.HealthcheckTest is null && target.Ports.Count == 0 && target.Restart == "no", $"{service.Name} waits for {name} to complete, but {name} is not a one-off job");
                        break;
                    default:
                        Assert.Fail($"{service.Name} depends on {name} with condition '{condition}'; every dependency here waits for health or completion");
                        break;
                }
            }
        }

        Assert.Equal([], Cycles());
    }

    [Fact]
    public void Services_wait_for_what_they_connect_to_and_the_replay_waits_for_every_service()
    {
        foreach (var consumer in Compose.Built.Where(s => s.Project.Folder.StartsWith("src/Consumers.", StringComparison.Ordinal)))
        {
            Assert.Equal("service_healthy", consumer.DependsOn[Compose.ByImage("postgres:").Name]);
            Assert.Equal("service_healthy", consumer.DependsOn[Compose.ByImage("rabbitmq:").Name]);
            Assert.Equal("service_healthy", consumer.DependsOn[Compose.BuiltFrom("src/StandIns").Single().Name]);
        }

        // Events published before a service's queue is bound are lost: the first replay waits for every service.
        var first = Compose.BuiltFrom("src/StreamBridge").Single(s => s.DependsOn.Values.All(c => c == "service_healthy"));
        Assert.All(Compose.Built.Where(s => s.Project.Folder.StartsWith("src/Consumers.", StringComparison.Ordinal)),
            consumer => Assert.Equal("service_healthy", first.DependsOn[consumer.Name]));
    }

    [Fact]
    public void Services_call_the_stand_ins_on_the_ports_they_listen_on_with_the_secrets_they_verify()
    {
        var standIns = Compose.BuiltFrom("src/StandIns").Single();
        var options = App.For(standIns.Project).Configuration(EffectiveEnvironment(standIns)).GetSection(StandInOptions.SectionName).Get<StandInOptions>()!;
        var exposed = Exposed(standIns);
        Assert.Equal("0.0.0.0", options.BindAddress);

        var called = new List<string>();
        foreach (var service in Compose.Built.Where(s => App.For(s.Project).Sections.ContainsKey("ExternalSystems")))
        {
            var configuration = App.For(service.Project).Configuration(EffectiveEnvironment(service));
            foreach (var system in configuration.GetSection("ExternalSystems").GetChildren())
            {
                var baseUrl = new Uri(system["BaseUrl"]!);
                var listening = new Uri(options.ListenUrlOf(system.Key).Replace("0.0.0.0", "listening", StringComparison.Ordinal));

                Assert.Equal((standIns.Name, listening.Port), (baseUrl.Host, baseUrl.Port));
                Assert.Contains(listening.Port, exposed);
                Assert.Equal(options.SigningSecretOf(system.Key), system["SigningSecret"]);
                called.Add(StandInSystems.Canonical(system.Key));
            }
        }

        Assert.Equal(StandInSystems.All.Order(StringComparer.Ordinal), called.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Services_and_the_bridge_use_the_credentials_the_database_and_broker_containers_are_given()
    {
        var postgres = Compose.ByImage("postgres:");
        var rabbitmq = Compose.ByImage("rabbitmq:");
        foreach (var service in Compose.Built.Where(s => App.For(s.Project).Sections.ContainsKey("Bus")))
        {
            var configuration = App.For(service.Project).Configuration(EffectiveEnvironment(service));
            var bus = configuration.GetSection("Bus");
            Assert.Equal(
                ("RabbitMq", rabbitmq.Name, "5672", rabbitmq.Environment["RABBITMQ_DEFAULT_USER"], rabbitmq.Environment["RABBITMQ_DEFAULT_PASS"], "/"),
                (bus["Transport"], bus["RabbitMq:Host"], bus["RabbitMq:Port"], bus["RabbitMq:Username"], bus["RabbitMq:Password"], bus["RabbitMq:VirtualHost"]));

            if (App.For(service.Project).Sections.ContainsKey("Database"))
            {
                var connection = new NpgsqlConnectionStringBuilder(configuration["Database:ConnectionString"]);
                Assert.Equal(
                    ("Postgres", postgres.Name, 5432, postgres.Environment["POSTGRES_USER"], postgres.Environment["POSTGRES_PASSWORD"], postgres.Environment["POSTGRES_DB"]),
                    (configuration["Database:Provider"], connection.Host, connection.Port, connection.Username, connection.Password, connection.Database));
            }
        }
    }

    [Fact]
    public void Health_checks_probe_the_port_the_service_listens_on()
    {
        foreach (var service in Compose.Built.Where(s => App.For(s.Project).WebHost))
        {
            var port = new Uri(App.For(service.Project).Configuration(EffectiveEnvironment(service))["Urls"]!.Replace("+", "listening", StringComparison.Ordinal)).Port;
            var healthcheck = service.Dockerfile.LastInFinalStage("HEALTHCHECK")!.ExecForm!;

            Assert.Equal(["CMD", .. healthcheck], service.HealthcheckTest);
            Assert.Equal(["http-health", $"http://127.0.0.1:{port}/health/ready"], healthcheck);
            Assert.Contains(port, Exposed(service));
            Assert.Contains(port, service.Ports.Select(p => p.Container));
        }

        var standIns = Compose.BuiltFrom("src/StandIns").Single();
        var options = App.For(standIns.Project).Configuration(EffectiveEnvironment(standIns)).GetSection(StandInOptions.SectionName).Get<StandInOptions>()!;
        Assert.Equal(
            ["CMD", "http-health", .. StandInSystems.All.Select(s => $"http://127.0.0.1:{new Uri(options.ListenUrlOf(s)).Port}/health")],
            standIns.HealthcheckTest);
    }

    [Fact]
    public void The_replay_jobs_replay_sample_files_the_bridge_image_contains()
    {
        foreach (var job in Compose.BuiltFrom("src/StreamBridge"))
        {
            Assert.Equal("replay", job.Command![0]);
            Assert.StartsWith("samples/", job.Command[1], StringComparison.Ordinal);
            Assert.True(File.Exists(Repository.PathOf(job.Command[1])), $"{job.Name} replays {job.Command[1]}, which does not exist");
            Assert.Contains(job.Dockerfile.InStage(job.Dockerfile.StageCount - 1), i => i.Keyword == "COPY" && i.Words.SequenceEqual(["samples/", "samples/"]));
            Assert.Equal("/app", job.Dockerfile.InStage(job.Dockerfile.StageCount - 1).Last(i => i.Keyword == "WORKDIR").Words[0]);
        }
    }

    /// <summary>What the container's process sees: the image's ENV, then compose's environment over it.</summary>
    internal static Dictionary<string, string> EffectiveEnvironment(ComposeService service)
    {
        var environment = new Dictionary<string, string>(service.Dockerfile.FinalEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in service.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static IReadOnlyList<int> Exposed(ComposeService service) =>
        [.. service.Dockerfile.All("EXPOSE").SelectMany(e => e.Words).Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture))];

    private static List<string> Cycles()
    {
        var cycles = new List<string>();
        foreach (var start in Compose.Services.Keys)
        {
            var pending = new Stack<(string Name, string Path)>([(start, start)]);
            while (pending.TryPop(out var at))
            {
                foreach (var next in Compose.Services[at.Name].DependsOn.Keys.Where(Compose.Services.ContainsKey))
                {
                    if (next == start)
                    {
                        cycles.Add($"{at.Path} -> {next}");
                    }
                    else if (at.Path.Split(" -> ").Length < Compose.Services.Count)
                    {
                        pending.Push((next, $"{at.Path} -> {next}"));
                    }
                }
            }
        }

        return cycles;
    }
}
