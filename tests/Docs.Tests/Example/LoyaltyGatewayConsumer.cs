using Bus.Messaging.Gateway;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty;

/// <summary>Calls the loyalty platform once per idempotency key, outside any database transaction.</summary>
public sealed class LoyaltyGatewayConsumer(
    [FromKeyedServices(LoyaltyServiceExtensions.PlatformName)] WebhookClient platform, LoyaltyDbContext db, TimeProvider time)
    : IConsumer<PostPoints>
{
    public const string Path = "/points";

    public async Task Consume(ConsumeContext<PostPoints> context)
    {
        var command = context.Message;
        if (await db.DeliveredEffects.AnyAsync(e => e.IdempotencyKey == command.IdempotencyKey, context.CancellationToken))
            return;

        await platform.PostAsync(Path, command, command.IdempotencyKey, context.CancellationToken);
        db.DeliveredEffects.Add(new DeliveredEffect { IdempotencyKey = command.IdempotencyKey, DeliveredAt = time.GetUtcNow() });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
