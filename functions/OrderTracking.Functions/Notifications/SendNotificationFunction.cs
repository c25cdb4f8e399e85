using OrderTracking.Functions.Hosting;

namespace OrderTracking.Functions.Notifications;

/// <summary><c>SendNotification</c>: queue <c>notifications</c> → one email per (shipment, milestone).</summary>
internal sealed class SendNotificationFunction(NotificationSender sender) : IQueueMessageHandler<NotificationRequest>
{
    public const string Name = "SendNotification";

    public bool IsValid(NotificationRequest message) =>
        message.OrderKey is not null && message.Carrier is not null && message.TrackingNumber is not null
        && message.ParsedMilestone is not null;

    public async Task<InvocationResponse> HandleAsync(NotificationRequest message, QueueInvocation invocation, CancellationToken cancellationToken)
    {
        string outcome = await sender.SendAsync(message, message.ParsedMilestone!.Value, cancellationToken);
        return InvocationResponse.WithLogs($"{Name}: {message.Milestone} {outcome}");
    }
}
