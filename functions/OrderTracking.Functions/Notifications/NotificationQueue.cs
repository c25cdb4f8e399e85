using System.Text.Json;
using OrderTracking.Core.Notifications;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Notifications;

/// <summary>
/// Enqueues milestone notifications. Callers enqueue <em>before</em> committing the state change that produced them:
/// a crash in between re-derives the same milestones on retry, and the ledger turns the duplicate into a no-op.
/// </summary>
internal sealed class NotificationQueue(StorageContext storage)
{
    /// <summary>The order confirmation email (an order-level notification).</summary>
    public Task EnqueueOrderConfirmedAsync(string orderKey, CancellationToken cancellationToken) =>
        storage.Queue(QueueNames.Notifications).SendMessageAsync(
            JsonSerializer.Serialize(new NotificationRequest(orderKey, null, null, Milestone.OrderConfirmed.ToWireName()), Json.Options), cancellationToken: cancellationToken);

    public async Task EnqueueAsync(IEnumerable<string> orderKeys, string carrier, string trackingNumber, IReadOnlyList<Milestone> milestones, string? episodeKey, CancellationToken cancellationToken)
    {
        if (milestones.Count == 0)
        {
            return;
        }

        var queue = storage.Queue(QueueNames.Notifications);
        foreach (string orderKey in orderKeys)
        {
            foreach (Milestone milestone in milestones)
            {
                var request = new NotificationRequest(orderKey, carrier, trackingNumber, milestone.ToWireName(), episodeKey);
                await queue.SendMessageAsync(JsonSerializer.Serialize(request, Json.Options), cancellationToken: cancellationToken);
            }
        }
    }
}
