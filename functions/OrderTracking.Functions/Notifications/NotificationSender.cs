using OrderTracking.Functions.Hosting;
using Microsoft.Extensions.Options;
using OrderTracking.Azure.Sms;
using OrderTracking.Core.Notifications;
using OrderTracking.Core.Security;
using OrderTracking.Functions.Kpis;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tracking;

namespace OrderTracking.Functions.Notifications;

/// <summary>
/// <c>SendNotification</c>: exactly one email per (shipment, milestone), and one text per (shipment, milestone) for the
/// SMS milestones, under at-least-once delivery (DESIGN §8).
/// The ledger row is claimed before sending; the send carries an <c>Operation-Id</c> derived from the ledger key, so
/// a retry after a crash between send and mark, or two instances at once, resend the <em>same</em> operation
/// (ACS treats it as a repeat; the outbox overwrites the same file); a row already marked sent ends the work.
/// </summary>
internal sealed partial class NotificationSender(
    NotificationLedgerStore ledger, OrderStore orders, IEmailSender email, ISmsSender sms, SmsOptions smsOptions, IOptions<TrackingOptions> tracking,
    NotificationOptions options, KpiRecorder kpis, TimeProvider time, ILogger<NotificationSender> logger)
{
    /// <summary>How long an SMS claim is held by the attempt that made it; past it, an unfinished claim is settled as unknown.</summary>
    public static readonly TimeSpan SmsLease = TimeSpan.FromMinutes(2);

    public async Task<string> SendAsync(NotificationRequest request, Milestone milestone, CancellationToken cancellationToken)
    {
        string emailOutcome = await SendEmailAsync(request, milestone, cancellationToken);
        if (!SmsTemplates.Milestones.Contains(milestone))
        {
            return emailOutcome;
        }

        string smsOutcome = await SendSmsAsync(request, milestone, cancellationToken);
        return $"{emailOutcome}; sms {smsOutcome}";
    }

    private async Task<string> SendEmailAsync(NotificationRequest request, Milestone milestone, CancellationToken cancellationToken)
    {
        if (milestone == Milestone.OrderConfirmed)
        {
            return await SendOrderEmailAsync(request, milestone, cancellationToken);
        }

        string rowKey = NotificationLedgerKey.RowKey(request.Carrier!, request.TrackingNumber!, milestone, request.EpisodeKey);
        DateTimeOffset now = time.GetUtcNow();
        string state = await ledger.ClaimAsync(request.OrderKey, rowKey, now, cancellationToken);
        if (state is NotificationLedgerStore.Sent or NotificationLedgerStore.Skipped)
        {
            LogAlreadyDone(logger, milestone, state);
            return "duplicate";
        }

        OrderRecord? order = await orders.GetOrderAsync(request.OrderKey, cancellationToken);
        ShipmentRecord? shipment = await orders.GetShipmentAsync(request.OrderKey, request.Carrier!, request.TrackingNumber!, cancellationToken);
        if (order?.CustomerEmail is not { Length: > 0 } to || shipment is null)
        {
            await ledger.MarkAsync(request.OrderKey, rowKey, NotificationLedgerStore.Skipped, null, now, cancellationToken);
            LogSkipped(logger, milestone);
            return "skipped (no email address)";
        }

        if (Unsubscribed(order, milestone))
        {
            await ledger.MarkAsync(request.OrderKey, rowKey, NotificationLedgerStore.Skipped, null, now, cancellationToken);
            LogUnsubscribedSkip(logger, milestone);
            return "skipped (unsubscribed)";
        }

        return await DeliverAsync(request.OrderKey, rowKey, order, to, new NotificationModel(
            milestone, order.Locale, order.OrderNumber ?? order.ExternalId, order.CustomerName, request.Carrier!, request.TrackingNumber!,
            EtaToShow(milestone, shipment.Tracking.Eta, now), TrackingLink(request.OrderKey, order.Locale, now, "email", milestone), shipment.Tracking.Reason), now, cancellationToken);
    }

    /// <summary>Renders, sends with the ledger row's operation id and the unsubscribe link, and marks the row sent.</summary>
    private async Task<string> DeliverAsync(
        string orderKey, string rowKey, OrderRecord order, string to, NotificationModel model, DateTimeOffset now, CancellationToken cancellationToken)
    {
        RenderedEmail rendered = EmailTemplateRenderer.Render(model);
        EmailSendResult result = await email.SendAsync(
            new EmailMessage(to, order.CustomerName, rendered.Subject, rendered.Html, rendered.PlainText, UnsubscribeLink(orderKey, now)),
            NotificationLedgerKey.OperationId(orderKey, rowKey), cancellationToken);
        // Counted before the ledger says sent: a retry after a crash resends the same operation and counts into the same marker.
        await kpis.SentAsync(orderKey, model.Carrier.Length > 0 ? model.Carrier : null, "email", model.Milestone, rowKey, now, cancellationToken);
        await ledger.MarkAsync(orderKey, rowKey, NotificationLedgerStore.Sent, result.ProviderMessageId, time.GetUtcNow(), cancellationToken);
        Count("email", model.Milestone, "sent");
        LogSent(logger, model.Milestone, rendered.Language);
        return "sent";
    }

    /// <summary>
    /// The order confirmation: once per order (ledger row <c>order|orderConfirmed</c>), with the tracking page link. It is
    /// queued before the order row is written, so an order not there yet is waited for (the queue retries).
    /// </summary>
    private async Task<string> SendOrderEmailAsync(NotificationRequest request, Milestone milestone, CancellationToken cancellationToken)
    {
        string rowKey = NotificationLedgerKey.OrderRowKey(milestone);
        OrderRecord order = await orders.GetOrderAsync(request.OrderKey, cancellationToken)
            ?? throw new InvalidOperationException("The order is not stored yet; the confirmation waits for it.");
        DateTimeOffset now = time.GetUtcNow();
        string state = await ledger.ClaimAsync(request.OrderKey, rowKey, now, cancellationToken);
        if (state is NotificationLedgerStore.Sent or NotificationLedgerStore.Skipped)
        {
            LogAlreadyDone(logger, milestone, state);
            return "duplicate";
        }

        if (order.CustomerEmail is not { Length: > 0 } to)
        {
            await ledger.MarkAsync(request.OrderKey, rowKey, NotificationLedgerStore.Skipped, null, now, cancellationToken);
            LogSkipped(logger, milestone);
            return "skipped (no email address)";
        }

        return await DeliverAsync(request.OrderKey, rowKey, order, to, new NotificationModel(
            milestone, order.Locale, order.OrderNumber ?? order.ExternalId, order.CustomerName, string.Empty, string.Empty, null,
            TrackingLink(request.OrderKey, order.Locale, now, "email", milestone)), now, cancellationToken);
    }

    /// <summary>
    /// The text for an SMS milestone, exactly once per (shipment, milestone, channel): only for an order with a phone
    /// and texts on (the order's <c>sms: true</c>, or <c>Sms:Enabled</c>), under a leased ledger claim (Twilio has no
    /// idempotency key). A refusal that sent nothing and may pass later (429) releases the claim and throws, so the
    /// queue retries; a permanent refusal is recorded as failed; an ambiguous failure (timeout, 5xx, connection) is
    /// recorded as unknown and not retried: a customer may miss a text, but never gets two.
    /// </summary>
    private async Task<string> SendSmsAsync(NotificationRequest request, Milestone milestone, CancellationToken cancellationToken)
    {
        OrderRecord? order = await orders.GetOrderAsync(request.OrderKey, cancellationToken);
        if (order?.CustomerPhone is not { Length: > 0 } phone || !(order.SmsOptIn ?? smsOptions.Enabled) || !PhoneNumber.IsE164(phone))
        {
            return "off";
        }

        if (Unsubscribed(order, milestone))
        {
            return "off (unsubscribed)";
        }

        string rowKey = NotificationLedgerKey.RowKey(request.Carrier!, request.TrackingNumber!, milestone, request.EpisodeKey) + "|sms";
        DateTimeOffset now = time.GetUtcNow();
        (LeasedClaim claim, string state) = await ledger.ClaimLeasedAsync(request.OrderKey, rowKey, now, SmsLease, cancellationToken);
        if (claim != LeasedClaim.Owned)
        {
            LogSmsNotSent(logger, milestone, claim == LeasedClaim.InFlight ? "in flight elsewhere" : state);
            return claim == LeasedClaim.InFlight ? "in flight" : "duplicate";
        }

        string body = SmsTemplates.Render(milestone, order.Locale, order.OrderNumber ?? order.ExternalId, TrackingLink(request.OrderKey, order.Locale, now, "sms", milestone))!;
        SmsSendResult result;
        try
        {
            result = await sms.SendAsync(new SmsMessage(phone, body), NotificationLedgerKey.OperationId(request.OrderKey, rowKey), cancellationToken);
        }
        catch (SmsRejectedException ex) when (ex.Retryable)
        {
            await ledger.ReleaseAsync(request.OrderKey, rowKey, cancellationToken);
            throw;
        }
        catch (SmsRejectedException ex)
        {
            await ledger.MarkAsync(request.OrderKey, rowKey, NotificationLedgerStore.Failed, ex.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture), time.GetUtcNow(), cancellationToken);
            Count("sms", milestone, "failed");
            LogSmsFailed(logger, milestone, ex.Status, ex.Code);
            return "failed";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await ledger.MarkAsync(request.OrderKey, rowKey, NotificationLedgerStore.Unknown, null, time.GetUtcNow(), cancellationToken);
            Count("sms", milestone, "unknown");
            LogSmsUnknown(logger, milestone, ex.GetType().Name);
            return "unknown";
        }

        await kpis.SentAsync(request.OrderKey, request.Carrier, "sms", milestone, rowKey, now, cancellationToken);
        await ledger.MarkAsync(request.OrderKey, rowKey, NotificationLedgerStore.Sent, result.ProviderMessageId, time.GetUtcNow(), cancellationToken);
        Count("sms", milestone, "sent");
        LogSmsSent(logger, milestone);
        return "sent";
    }

    /// <summary>
    /// The ETA an email shows: none once delivered; in a delayed email only one that is still ahead (an ETA that
    /// passed is why it is late, not a new date).
    /// </summary>
    internal static DateTimeOffset? EtaToShow(Milestone milestone, DateTimeOffset? eta, DateTimeOffset now) => milestone switch
    {
        Milestone.Delivered => null,
        Milestone.Delayed when eta is { } e && DateOnly.FromDateTime(e.DateTime) < DateOnly.FromDateTime(now.ToOffset(e.Offset).DateTime) => null,
        _ => eta,
    };

    private static void Count(string channel, Milestone milestone, string outcome) => Telemetry.Messages.Add(
        1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("milestone", milestone.ToWireName()), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>After a one-click unsubscribe only what may need the customer to act is still sent: an exception.</summary>
    private static bool Unsubscribed(OrderRecord order, Milestone milestone) =>
        order.UnsubscribedAt is not null && milestone is not (Milestone.Exception or Milestone.OrderConfirmed);

    /// <summary>The <c>List-Unsubscribe</c> target (RFC 8058): <c>/api/unsubscribe</c> with the order's read token.</summary>
    private Uri UnsubscribeLink(string orderKey, DateTimeOffset now)
    {
        TrackingOptions settings = tracking.Value;
        string token = ReadToken.Mint(settings.ReadTokenKeys[0], orderKey, now + options.LinkLifetime);
        return new Uri($"{settings.PublicBaseUrl.TrimEnd('/')}/api/unsubscribe?orderKey={Uri.EscapeDataString(orderKey)}&token={Uri.EscapeDataString(token)}");
    }

    /// <summary>
    /// The tracking page link, with the campaign marker the page records as an open (<see cref="TrackingCampaign"/>):
    /// channel, milestone and the day it was sent.
    /// </summary>
    private Uri TrackingLink(string orderKey, string? locale, DateTimeOffset now, string channel, Milestone milestone)
    {
        TrackingOptions settings = tracking.Value;
        string token = ReadToken.Mint(settings.ReadTokenKeys[0], orderKey, now + options.LinkLifetime);
        string lang = TrackingResponse.Language(locale) == "es" ? "&lang=es" : string.Empty; // the page's own words follow the email's
        return new Uri($"{settings.PublicBaseUrl.TrimEnd('/')}/api/track?orderKey={Uri.EscapeDataString(orderKey)}&token={Uri.EscapeDataString(token)}{lang}"
            + TrackingCampaign.Query(channel, milestone, DateOnly.FromDateTime(now.UtcDateTime)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Milestone {Milestone} email sent ({Language})")]
    private static partial void LogSent(ILogger logger, Milestone milestone, string language);

    [LoggerMessage(Level = LogLevel.Information, Message = "Milestone {Milestone} already {State}; duplicate request dropped")]
    private static partial void LogAlreadyDone(ILogger logger, Milestone milestone, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Milestone {Milestone} not sent: the customer unsubscribed from this order's updates")]
    private static partial void LogUnsubscribedSkip(ILogger logger, Milestone milestone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Milestone {Milestone} text sent")]
    private static partial void LogSmsSent(ILogger logger, Milestone milestone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Milestone {Milestone} text not sent: {State}")]
    private static partial void LogSmsNotSent(ILogger logger, Milestone milestone, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Milestone {Milestone} text refused by the provider (HTTP {Status}, code {Code}); recorded as failed, not retried")]
    private static partial void LogSmsFailed(ILogger logger, Milestone milestone, int status, int? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Milestone {Milestone} text outcome unknown ({Error}); recorded as unknown and not retried, so it is never sent twice")]
    private static partial void LogSmsUnknown(ILogger logger, Milestone milestone, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Milestone {Milestone} not sent: the order has no email address")]
    private static partial void LogSkipped(ILogger logger, Milestone milestone);
}
