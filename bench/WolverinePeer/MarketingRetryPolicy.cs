using Bus.Consumers.Marketing.Gateway;
using Bus.Messaging.Gateway;
using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Bus.WolverinePeer;

/// <summary>
/// The retries of Bus's Marketing endpoints (<c>MarketingServiceExtensions.ConfigureMarketingEndpoints</c>): the contact handlers
/// retry at 50, 200, 500, 1000 and 2000 ms; the gateway backs off over five retries (doubling from 200 ms), except permanent failures, which go
/// straight to the error queue. No retry happens in a clean benchmark run; they are here so both stacks carry the same policy.
/// </summary>
public sealed class MarketingRetryPolicy : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        ArgumentNullException.ThrowIfNull(chains);
        foreach (var chain in chains)
        {
            if (chain.MessageType == typeof(SyncMarketingContact) || chain.MessageType == typeof(EraseMarketingContact))
            {
                chain.OnException<PermanentExternalFailureException>().MoveToErrorQueue();
                chain.OnAnyException().RetryWithCooldown(Ms(200), Ms(400), Ms(800), Ms(1600), Ms(3200)).Then.MoveToErrorQueue();
            }
            else
            {
                chain.OnAnyException().RetryWithCooldown(Ms(50), Ms(200), Ms(500), Ms(1000), Ms(2000)).Then.MoveToErrorQueue();
            }
        }
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
