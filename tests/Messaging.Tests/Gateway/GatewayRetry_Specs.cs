using System.Collections.Concurrent;
using Bus.Messaging.Gateway;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Bus.Messaging.Tests.Gateway;

public sealed class GatewayRetry_Specs
{
    // Jitter draws each wait anew: look at many schedules.
    private const int Samples = 200;

    [Fact]
    public void Transient_failures_are_retried_for_longer_than_a_circuit_stays_open_after_two_failed_trial_calls()
    {
        var breakDuration = new ExternalSystemOptions().BreakDuration;

        var shortest = Enumerable.Range(0, Samples).Min(_ => Schedule().Sum(w => w.TotalSeconds));

        // Opened, then opened again after each failed trial call: three break durations before a call can pass.
        Assert.True(shortest > 3 * breakDuration.TotalSeconds, $"the retries span only {shortest:F1} s");
        Assert.True(shortest >= 120, $"the retries span only {shortest:F1} s, not the documented 2 minutes at least");
    }

    [Fact]
    public void No_retry_waits_much_longer_than_30_seconds_so_a_recovered_system_gets_its_commands_soon()
    {
        var longest = Enumerable.Range(0, Samples).Max(_ => Schedule().Max());

        // 30 s and MassTransit's jitter of up to a quarter.
        Assert.True(longest <= TimeSpan.FromSeconds(37.5), $"a retry waited {longest.TotalSeconds:F1} s");
    }

    [Fact]
    public void The_waits_grow_from_about_two_seconds()
    {
        var schedules = Enumerable.Range(0, Samples).Select(_ => Schedule()).ToList();

        Assert.InRange(schedules.Min(w => w[0]), TimeSpan.FromSeconds(1.3), TimeSpan.FromSeconds(2.8));
        Assert.InRange(schedules.Max(w => w[0]), TimeSpan.FromSeconds(1.3), TimeSpan.FromSeconds(2.8));
        Assert.True(schedules.Average(w => w[4].TotalSeconds) > 3 * schedules.Average(w => w[1].TotalSeconds));
    }

    [Fact]
    public async Task A_permanent_rejection_faults_after_one_attempt_and_an_unavailable_system_is_tried_again()
    {
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var faulted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var delivered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = $"gateway-retry-{Guid.NewGuid():N}";
        var services = new ServiceCollection();
        services.AddMassTransit(x => x.UsingInMemory((_, cfg) =>
        {
            cfg.ReceiveEndpoint(queue, e =>
            {
                e.UseMessageRetry(r => GatewayRetry.Configure(r));
                e.Handler<GatewayCall>(context =>
                {
                    var attempt = attempts.AddOrUpdate(context.Message.Kind, 1, (_, n) => n + 1);
                    if (context.Message.Kind == "rejected")
                        throw new PermanentExternalFailureException("the system answered 422");
                    if (attempt == 1)
                        throw new ExternalSystemUnavailableException("the system answered 503");
                    delivered.TrySetResult(context.Message.Kind);
                    return Task.CompletedTask;
                });
            });
            cfg.ReceiveEndpoint(queue + "-faults", e => e.Handler<Fault<GatewayCall>>(context =>
            {
                faulted.TrySetResult(context.Message.Message.Kind);
                return Task.CompletedTask;
            }));
        }));
        await using var provider = services.BuildServiceProvider(true);
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queue}"));
            await endpoint.Send(new GatewayCall("rejected"), TestContext.Current.CancellationToken);
            await endpoint.Send(new GatewayCall("unavailable once"), TestContext.Current.CancellationToken);

            Assert.Equal("rejected", await faulted.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
            Assert.Equal("unavailable once", await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
            Assert.Equal(1, attempts["rejected"]);
            Assert.Equal(2, attempts["unavailable once"]);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private static TimeSpan[] Schedule()
    {
        var policy = GatewayRetry.Policy(new EveryException());
        return Enumerable.Range(0, GatewayRetry.DefaultRetryLimit).Select(policy.GetRetryInterval).ToArray();
    }

    /// <summary>A command to a gateway endpoint.</summary>
    public sealed record GatewayCall(string Kind);

    private sealed class EveryException : IExceptionFilter
    {
        public bool Match(Exception exception) => true;

        public void Probe(ProbeContext context)
        {
        }
    }
}
