using System.Globalization;
using System.Text;
using Bus.TestSupport;
using Npgsql;
using RabbitMQ.Client;

namespace Bus.EndToEnd.Tests;

/// <summary>
/// <c>scripts/stack.sh</c> on <c>samples/</c>, as a user runs it: separate processes, real PostgreSQL, RabbitMQ and
/// HTTP. One run (<see cref="StackRun"/>) serves every spec here.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Category", "EndToEnd")]
public sealed class RealStack_Specs(StackRun run, ITestOutputHelper output) : IClassFixture<StackRun>
{
    [Fact]
    public void The_script_succeeds_within_its_time_limit()
    {
        output.WriteLine($"scripts/stack.sh took {run.Elapsed.TotalSeconds:F0} s; logs in {run.RunDirectory}");
        output.WriteLine(run.Output);
        Assert.False(run.TimedOut, $"the script was still running after its time limit and was stopped:\n{run.Output}");
        Assert.True(run.ExitCode == 0, $"the script exited with {run.ExitCode}:\n{run.Output}");
    }

    [Fact]
    public void Every_expected_external_effect_arrived_exactly_once()
    {
        var performed = run.PerformedEffects();
        var problems = new List<string>();
        foreach (var system in SampleEffects.Systems)
        {
            var effects = performed.Where(e => e.System == system).ToList();
            var distinct = effects.Select(e => (e.Path, e.Key)).ToHashSet();
            problems.AddRange(effects.GroupBy(e => e.Key).Where(g => g.Count() > 1).Select(g => $"{system}: {g.Key} performed {g.Count()} times"));

            var groups = SampleEffects.Groups.Where(g => g.System == system).ToList();
            foreach (var group in groups)
            {
                if (group.Mismatch(distinct) is { } mismatch)
                    problems.Add(mismatch);
                else if (group.Outcomes.Count > 1)
                    output.WriteLine($"{system}, {group.Entity}: {EffectGroup.Describe(group.Universe.Where(distinct.Contains))}");
            }

            var unexpected = distinct.Where(e => !groups.Any(g => g.Universe.Contains(e))).ToList();
            if (unexpected.Count > 0)
                problems.Add($"{system}: unexpected {EffectGroup.Describe(unexpected)}");
        }

        Assert.True(problems.Count == 0, Report(problems));
    }

    [Fact]
    public void No_external_system_received_a_duplicate_or_refused_request()
    {
        var problems = new List<string>();
        foreach (var counter in new[] { "duplicates", "rejected", "unauthorized", "invalid" })
        {
            var counts = run.Counter(counter);
            Assert.Equal(SampleEffects.Systems.Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
            problems.AddRange(counts.Where(c => c.Value != 0).Select(c => $"{c.Key}: {counter} {c.Value}"));
        }

        Assert.True(problems.Count == 0, Report(problems));
    }

    [Fact]
    public void No_message_is_left_in_any_queue_or_error_queue()
    {
        var queues = run.Queues();
        var prefix = "stack-" + run.RunId + "-";
        string[] endpoints =
        [
            "marketing", "marketing-platform-gateway", "shipping", "shipping-system-gateway", "notifications",
            "notifications-email-gateway", "notifications-sms-gateway", "notifications-purchasing-gateway",
        ];
        Assert.Equal(endpoints.Select(e => prefix + e).Order(StringComparer.Ordinal),
            queues.Select(q => q.Name).Where(n => !n.EndsWith("_error", StringComparison.Ordinal) && !n.EndsWith("_skipped", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.True(queues.All(q => q.Messages == 0),
            Report(queues.Where(q => q.Messages != 0).Select(q => $"{q.Name}: {q.Messages} messages")));
    }

    [Fact]
    public void No_process_of_the_run_is_left_running()
    {
        Assert.Equal(["bridge", "marketing", "notifications", "shipping", "standins"],
            run.StartedProcesses().Select(p => p.Name).Distinct().Order(StringComparer.Ordinal));

        // The script marks every process it starts with its run id, so this finds them, and anything they started.
        var marker = Encoding.UTF8.GetBytes($"BUS_STACK_RUN_ID={run.RunId}\0");
        var alive = Directory.EnumerateDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Where(d => ProcessEnvironment(d).AsSpan().IndexOf(marker) >= 0)
            .Select(d => $"pid {Path.GetFileName(d)}: {CommandLine(d)}")
            .ToList();
        Assert.True(alive.Count == 0, Report(alive));
    }

    [Fact]
    public async Task The_run_database_and_virtual_host_are_removed()
    {
        var servers = new ServerFixture();
        await using (var connection = new NpgsqlConnection(servers.ConnectionString(servers.PgDatabase)))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var query = new NpgsqlCommand("select count(*) from pg_database where datname = $1", connection)
            {
                Parameters = { new() { Value = run.DatabaseName } },
            };
            Assert.Equal(0L, await query.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }

        var factory = new ConnectionFactory
        {
            HostName = servers.RabbitHost,
            Port = servers.RabbitPort,
            UserName = servers.RabbitUser,
            Password = servers.RabbitPassword,
        };
        await using (await factory.CreateConnectionAsync(TestContext.Current.CancellationToken))
        {
            // The broker answers on the default virtual host, so a refusal below is about the run's one.
        }

        factory.VirtualHost = run.VirtualHost;
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            // RabbitMQ.Client reports the broker's refusal of connection.open on the connection's first use.
            await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
        });
        Assert.Contains($"NOT_ALLOWED - vhost {run.VirtualHost} not found", Messages(refused), StringComparison.Ordinal);
    }

    private static string Messages(Exception? e)
    {
        var text = new StringBuilder();
        for (; e is not null; e = e.InnerException)
            text.Append(e.Message).Append('\n');
        return text.ToString();
    }

    private string Report(IEnumerable<string> problems) =>
        string.Join('\n', problems) + $"\nlogs: {run.RunDirectory}\n{run.Output}";

    private static byte[] ProcessEnvironment(string processDirectory)
    {
        try
        {
            return File.ReadAllBytes(Path.Combine(processDirectory, "environ"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return []; // gone meanwhile, or another user's
        }
    }

    private static string CommandLine(string processDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(processDirectory, "cmdline")).Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }
}
