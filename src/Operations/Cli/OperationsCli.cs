using Bus.Messaging.Transport;
using Bus.Operations.ErrorQueues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Bus.Operations.Cli;

/// <summary><c>dotnet run --project src/Operations -- error-queue &lt;list|move&gt; QUEUE …</c>.</summary>
public static class OperationsCli
{
    public const string Usage = """
        Usage: Bus.Operations error-queue list QUEUE [--count N] [--filter-message-type URN] [--Bus:RabbitMq:Key=value ...]
               Bus.Operations error-queue move QUEUE [--dry-run] [--count N] [--filter-message-type URN] [--Bus:RabbitMq:Key=value ...]
          list   show the messages of QUEUE_error, oldest first: message id, type, the fault MassTransit recorded
                 (MT-Fault-* headers), retries and redeliveries; nothing changes
          move   move messages from QUEUE_error back to QUEUE, oldest first; each is removed from QUEUE_error only
                 after the broker confirmed it in QUEUE
            --dry-run                   count and list what would move; every message stays in its place
            --count N                   at most N messages
            --filter-message-type URN   only messages of this type, e.g. urn:message:Bus.Contracts.Orders:OrderPlaced
        QUEUE is the service's queue (shipping) or its error queue (shipping_error). The broker is configured as for the
        services: Bus:RabbitMq (environment Bus__RabbitMq__Host, Bus__RabbitMq__Port, ...).
        Exit status: 0 done, 1 some messages could not be moved (they stay in the error queue), 2 invalid arguments or
        configuration, broker unreachable, or a queue that does not exist.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not ["error-queue", .. var rest])
        {
            await error.WriteLineAsync(args.Length == 0 ? Usage : $"error: unknown command '{args[0]}'\n{Usage}");
            return ExitCodes.InvalidInput;
        }

        var (arguments, problem) = ErrorQueueArguments.Parse(rest);
        if (arguments is null)
        {
            await error.WriteLineAsync($"error: {problem}\n{Usage}");
            return ExitCodes.InvalidInput;
        }

        RabbitMqOptions rabbit;
        try
        {
            rabbit = LoadOptions(arguments.Overrides).RabbitMq;
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync($"error: configuration: {string.Join("; ", e.Failures)}");
            return ExitCodes.InvalidInput;
        }

        IConnection connection;
        try
        {
            connection = await RabbitMqConnections.CreateFactory(rabbit, "bus-operations").CreateConnectionAsync();
        }
        catch (BrokerUnreachableException e)
        {
            await error.WriteLineAsync($"error: cannot reach RabbitMQ at {rabbit.Host}:{rabbit.Port}: {e.GetBaseException().Message}");
            return ExitCodes.InvalidInput;
        }

        await using (connection)
        {
            var mover = new ErrorQueueMover(connection);
            var queues = ErrorQueueNames.From(arguments.Queue);
            try
            {
                return arguments.Command == "list"
                    ? await ErrorQueueReport.ListAsync(mover, queues, arguments, output)
                    : await ErrorQueueReport.MoveAsync(mover, new MoveRequest(queues, arguments.DryRun, arguments.Count, arguments.MessageType), output, error);
            }
            catch (QueueNotFoundException e)
            {
                await error.WriteLineAsync($"error: {e.Message} on {rabbit.Host}:{rabbit.Port} (virtual host {rabbit.VirtualHost})");
                return ExitCodes.InvalidInput;
            }
        }
    }

    /// <summary>The services' <c>Bus</c> section from <c>appsettings.json</c> beside the tool (optional), environment
    /// variables and <c>--Bus:…=value</c> overrides, later ones winning, validated as the services validate it.</summary>
    private static BusTransportOptions LoadOptions(IReadOnlyList<string> overrides)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. overrides])
            .Build();
        using var services = new ServiceCollection().AddBusTransportOptions(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<BusTransportOptions>>().Value;
    }
}
