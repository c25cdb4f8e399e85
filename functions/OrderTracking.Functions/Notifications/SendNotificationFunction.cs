using OrderTracking.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using OrderTracking.Functions.Hosting;

namespace OrderTracking.Functions.Notifications;

/// <summary><c>SendNotification</c>: queue <c>notifications</c> → one email per (shipment, milestone).</summary>
internal sealed class SendNotificationFunction(NotificationSender sender, QueueTrigger trigger) : IQueueMessageHandler<NotificationRequest>
{
    public const string Name = "SendNotification";

    [Function(Name)]
    public Task RunAsync([QueueTrigger(QueueNames.Notifications)] string message, CancellationToken cancellationToken) =>
        trigger.RunAsync(this, Name, QueueNames.Notifications, message, cancellationToken);

    public bool IsValid(NotificationRequest message) =>
        message.OrderKey is not null && message.ParsedMilestone is { } milestone
        && (milestone == Core.Notifications.Milestone.OrderConfirmed || (message.Carrier is not null && message.TrackingNumber is not null));

    public async Task<string> HandleAsync(NotificationRequest message, CancellationToken cancellationToken)
    {
        using System.Diagnostics.Activity? span = Telemetry.Start("notify " + message.Milestone, message.TraceParent, System.Diagnostics.ActivityKind.Consumer);
        string outcome = await sender.SendAsync(message, message.ParsedMilestone!.Value, cancellationToken);
        return $"{Name}: {message.Milestone} {outcome}";
    }
}
