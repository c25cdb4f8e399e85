using System.Text.Json;
using OrderTracking.Core.Notifications;
using OrderTracking.Functions.Hosting;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Notifications;

/// <summary><c>SendNotification</c>: queue <c>notifications</c> → one email per (shipment, milestone).</summary>
internal sealed class SendNotificationFunction(NotificationSender sender, StorageContext storage, DeadLetter deadLetter) : IQueueMessageHandler
{
    public const string Name = "SendNotification";

    public async Task<InvocationResponse> HandleAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        NotificationRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<NotificationRequest>(invocation.MessageText, Json.Options);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request?.OrderKey is null || request.Carrier is null || request.TrackingNumber is null
            || !MilestoneExtensions.TryParseWireName(request.Milestone, out Milestone milestone))
        {
            return await deadLetter.SendAsync(QueueNames.Notifications, invocation.MessageText, "not a notification request", cancellationToken);
        }

        await storage.EnsureCreatedAsync(cancellationToken);
        string outcome = await sender.SendAsync(request, milestone, cancellationToken);
        return InvocationResponse.WithLogs($"{Name}: {request.Milestone} {outcome}");
    }
}
