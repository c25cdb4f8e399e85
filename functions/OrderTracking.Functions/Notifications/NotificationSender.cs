using Microsoft.Extensions.Options;
using OrderTracking.Core.Notifications;
using OrderTracking.Core.Security;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tracking;

namespace OrderTracking.Functions.Notifications;

/// <summary>
/// <c>SendNotification</c>: exactly one email per (shipment, milestone) under at-least-once delivery (DESIGN §8).
/// The ledger row is claimed before sending; the send carries an <c>Operation-Id</c> derived from the ledger key, so
/// a retry after a crash between send and mark, or two instances at once, resend the <em>same</em> operation
/// (ACS treats it as a repeat; the outbox overwrites the same file); a row already marked sent ends the work.
/// </summary>
internal sealed partial class NotificationSender(
    NotificationLedgerStore ledger, OrderStore orders, IEmailSender email, IOptions<TrackingOptions> tracking,
    NotificationOptions options, TimeProvider time, ILogger<NotificationSender> logger)
{
    public async Task<string> SendAsync(NotificationRequest request, Milestone milestone, CancellationToken cancellationToken)
    {
        string rowKey = NotificationLedgerKey.RowKey(request.Carrier, request.TrackingNumber, milestone, request.EpisodeKey);
        DateTimeOffset now = time.GetUtcNow();
        string state = await ledger.ClaimAsync(request.OrderKey, rowKey, now, cancellationToken);
        if (state is NotificationLedgerStore.Sent or NotificationLedgerStore.Skipped)
        {
            LogAlreadyDone(logger, milestone, state);
            return "duplicate";
        }

        OrderRecord? order = await orders.GetOrderAsync(request.OrderKey, cancellationToken);
        ShipmentRecord? shipment = await orders.GetShipmentAsync(request.OrderKey, request.Carrier, request.TrackingNumber, cancellationToken);
        if (order?.CustomerEmail is not { Length: > 0 } to || shipment is null)
        {
            await ledger.MarkAsync(request.OrderKey, rowKey, NotificationLedgerStore.Skipped, null, now, cancellationToken);
            LogSkipped(logger, milestone);
            return "skipped (no email address)";
        }

        RenderedEmail rendered = EmailTemplateRenderer.Render(new NotificationModel(
            milestone, order.Locale, order.OrderNumber ?? order.ExternalId, order.CustomerName, request.Carrier, request.TrackingNumber,
            milestone == Milestone.Delivered ? null : shipment.Tracking.Eta, TrackingLink(request.OrderKey, order.Locale, now), shipment.Tracking.Reason));
        EmailSendResult result = await email.SendAsync(
            new EmailMessage(to, order.CustomerName, rendered.Subject, rendered.Html, rendered.PlainText),
            NotificationLedgerKey.OperationId(request.OrderKey, rowKey), cancellationToken);
        await ledger.MarkAsync(request.OrderKey, rowKey, NotificationLedgerStore.Sent, result.ProviderMessageId, time.GetUtcNow(), cancellationToken);
        LogSent(logger, milestone, rendered.Language);
        return "sent";
    }

    private Uri TrackingLink(string orderKey, string? locale, DateTimeOffset now)
    {
        TrackingOptions settings = tracking.Value;
        string token = ReadToken.Mint(settings.ReadTokenKeys[0], orderKey, now + options.LinkLifetime);
        string lang = TrackingResponse.Language(locale) == "es" ? "&lang=es" : string.Empty; // the page's own words follow the email's
        return new Uri($"{settings.PublicBaseUrl.TrimEnd('/')}/api/track?orderKey={Uri.EscapeDataString(orderKey)}&token={Uri.EscapeDataString(token)}{lang}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Milestone {Milestone} email sent ({Language})")]
    private static partial void LogSent(ILogger logger, Milestone milestone, string language);

    [LoggerMessage(Level = LogLevel.Information, Message = "Milestone {Milestone} already {State}; duplicate request dropped")]
    private static partial void LogAlreadyDone(ILogger logger, Milestone milestone, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Milestone {Milestone} not sent: the order has no email address")]
    private static partial void LogSkipped(ILogger logger, Milestone milestone);
}
