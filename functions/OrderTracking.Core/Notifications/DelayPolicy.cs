using System.Globalization;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Notifications;

/// <summary>
/// Detects delayed shipments (DESIGN §8): in transit or out for delivery, and either the ETA (plus
/// <see cref="DelayOptions.EtaGrace"/>) has passed or no scan arrived for <see cref="DelayOptions.StalledAfter"/>.
/// Pure: the caller passes the time (from its <see cref="TimeProvider"/>).
/// </summary>
/// <remarks>
/// <para><b>Episodes.</b> A delay episode runs while the shipment's stored <c>delayed</c> flag is true. An episode starts
/// when the shipment is delayed and the flag was false; it ends when the shipment is no longer delayed (a new scan while
/// the ETA has not passed, a new ETA in the future, or a terminal status). Call <see cref="Evaluate"/> in
/// <c>SweepShipments</c> and after every <c>PollCarrier</c> merge, and store <see cref="DelayDecision.IsDelayed"/> in the
/// flag. When an episode starts, enqueue the notification first and then write the flag (ETag): a crash in between
/// re-evaluates to the same <see cref="DelayDecision.EpisodeKey"/> and the ledger suppresses the duplicate.</para>
/// <para><b>Episode key.</b> <c>e{eta}</c> when the ETA passed (a new broken promise is a new episode), otherwise
/// <c>s{lastEvent}</c> for a stall, both as <c>yyyyMMddTHHmmssZ</c> in UTC: table-key safe and stable across retries.
/// The ETA wins when both hold, so a late and stalled parcel is one episode.</para>
/// </remarks>
public static class DelayPolicy
{
    /// <summary>Evaluates one shipment at <paramref name="now"/>.</summary>
    public static DelayDecision Evaluate(DelayInput shipment, DateTimeOffset now, DelayOptions options)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        ArgumentNullException.ThrowIfNull(options);
        if (shipment.Status is not (TrackingStatus.InTransit or TrackingStatus.OutForDelivery))
        {
            return DelayDecision.NotDelayed;
        }

        (DelayTrigger trigger, DateTimeOffset basis) = Classify(shipment, now, options);
        if (trigger == DelayTrigger.None)
        {
            return DelayDecision.NotDelayed;
        }

        if (shipment.WasDelayed)
        {
            return new DelayDecision(true, false, trigger, null);
        }

        string prefix = trigger == DelayTrigger.EtaPassed ? "e" : "s";
        string key = prefix + basis.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return new DelayDecision(true, true, trigger, key);
    }

    /// <summary>
    /// The earliest time at which <see cref="Evaluate"/> could start an episode for this shipment as it stands: the
    /// ETA plus grace or the last scan plus the stall threshold, whichever comes first. Null when no episode can start
    /// without a change to the shipment (not in transit or out for delivery, already delayed, or nothing to measure
    /// from): the next change re-derives it. <c>SweepShipments</c> visits a shipment only at this time (the
    /// <c>DelayChecks</c> index), not every hour.
    /// </summary>
    public static DateTimeOffset? NextCheckAt(DelayInput shipment, DelayOptions options)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        ArgumentNullException.ThrowIfNull(options);
        if (shipment.WasDelayed || shipment.Status is not (TrackingStatus.InTransit or TrackingStatus.OutForDelivery))
        {
            return null;
        }

        DateTimeOffset? late = shipment.Eta + options.EtaGrace;
        DateTimeOffset? stalled = shipment.LastEventTime + options.StalledAfter;
        return late is null ? stalled : stalled is null || late < stalled ? late : stalled;
    }

    private static (DelayTrigger Trigger, DateTimeOffset Basis) Classify(DelayInput shipment, DateTimeOffset now, DelayOptions options)
    {
        if (shipment.Eta is { } eta && now >= eta + options.EtaGrace)
        {
            return (DelayTrigger.EtaPassed, eta);
        }

        if (shipment.LastEventTime is { } last && now - last >= options.StalledAfter)
        {
            return (DelayTrigger.Stalled, last);
        }

        return (DelayTrigger.None, default);
    }
}
