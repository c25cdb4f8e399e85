using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Polling;

/// <summary>
/// Adaptive cadence (DESIGN §7), aimed at the moments customers care about: the first scan, and the morning a parcel
/// goes out for delivery. Label created ≈ 2 h; in transit with the ETA's day ahead ≈ 12 h, woken at that day's delivery
/// window; inside the window ≈ 25 min; in transit without an ETA ≈ 3 h; out for delivery ≈ 1 h; not found backs off
/// 1 → 24 h; delivered gets one confirmation poll a day later, then stop; stop after 30 days without events. With a
/// pickup window set (a merchant's daily pickup), label created is polled densely only in the hours after the pickup.
/// Every due time is jittered so shipments registered together spread out.
/// </summary>
public sealed class PollCadence(PollCadenceOptions options)
{
    private readonly TimeZoneInfo _shipFrom = options.PickupWindowStart is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(options.ShipFromTimeZone);

    /// <summary>Decides the next poll at <paramref name="now"/>; <paramref name="random"/> supplies jitter.</summary>
    public PollDecision Next(PollContext context, DateTimeOffset now, Random random)
    {
        DateTimeOffset lastSign = context.LastEventAt ?? context.RegisteredAt;
        if (!context.Status.IsTerminal() && now - lastSign > options.ExpireAfterSilence)
        {
            return new PollDecision(null, Expire: true);
        }

        TimeSpan? interval = context.Status switch
        {
            TrackingStatus.Delivered => context.DeliveryConfirmed ? null : options.DeliveredConfirmation,
            TrackingStatus.ReturnToSender or TrackingStatus.Cancelled or TrackingStatus.Expired => null,
            TrackingStatus.OutForDelivery => options.OutForDelivery,
            TrackingStatus.NotFound => NotFoundBackOff(context.NotFoundCount),
            TrackingStatus.LabelCreated => InPickupWindow(now) ? options.LabelCreated : options.LabelCreatedOutsideWindow,
            TrackingStatus.InTransit when context.Eta is { } eta => TowardEta(eta, now),
            _ => options.InTransit,
        };

        if (interval is null)
        {
            return new PollDecision(null);
        }

        TimeSpan chosen = options.Fixed ?? interval.Value;
        double factor = 1 + (((random.NextDouble() * 2) - 1) * options.Jitter);
        TimeSpan jittered = TimeSpan.FromTicks((long)(chosen.Ticks * factor));
        DateTimeOffset next = now + (jittered < options.Minimum ? options.Minimum : jittered);

        // Moving with an ETA, wake at the next delivery window's start at the latest: a sparse interval must not sleep
        // through the morning the parcel goes out for delivery.
        if (options.Fixed is null && context.Status is not (TrackingStatus.OutForDelivery or TrackingStatus.LabelCreated or TrackingStatus.NotFound or TrackingStatus.Delivered)
            && context.Eta is { } due && NextWindowStart(due, now) is { } windowStart && next > windowStart)
        {
            next = windowStart;
        }

        // Label created with a pickup window: wake at the window's start at the latest, when the first scan can come.
        if (options.Fixed is null && context.Status is TrackingStatus.LabelCreated && options.PickupWindowStart is not null
            && !InPickupWindow(now) && NextPickupWindowStart(now) is var pickup && next > pickup)
        {
            next = pickup;
        }

        return new PollDecision(next);
    }

    /// <summary>Whether <paramref name="now"/> is inside the pickup window in the ship-from time zone (always, with none set).</summary>
    private bool InPickupWindow(DateTimeOffset now)
    {
        if (options.PickupWindowStart is not { } start)
        {
            return true;
        }

        TimeSpan sinceStart = TimeZoneInfo.ConvertTime(now, _shipFrom).TimeOfDay - start;
        if (sinceStart < TimeSpan.Zero)
        {
            sinceStart += TimeSpan.FromDays(1);
        }

        return sinceStart < options.PickupWindow;
    }

    /// <summary>The next pickup window's start after <paramref name="now"/>, in the ship-from time zone's offset on that day.</summary>
    private DateTimeOffset NextPickupWindowStart(DateTimeOffset now)
    {
        DateTime localDay = TimeZoneInfo.ConvertTime(now, _shipFrom).Date;
        for (int day = 0; ; day++)
        {
            DateTime start = localDay.AddDays(day) + options.PickupWindowStart!.Value;
            var candidate = new DateTimeOffset(start, _shipFrom.GetUtcOffset(start));
            if (candidate > now)
            {
                return candidate;
            }
        }
    }

    /// <summary>
    /// In transit with an ETA: <see cref="PollCadenceOptions.EtaToday"/> inside the delivery window (from
    /// <see cref="PollCadenceOptions.EtaDayStart"/> for <see cref="PollCadenceOptions.DeliveryWindow"/>, carrier-local)
    /// on the ETA's day and every later day; <see cref="PollCadenceOptions.BeforeEta"/> while the ETA's day is ahead;
    /// <see cref="PollCadenceOptions.InTransit"/> outside the window once the ETA's day has come.
    /// </summary>
    private TimeSpan TowardEta(DateTimeOffset eta, DateTimeOffset now)
    {
        DateTimeOffset local = now.ToOffset(eta.Offset);
        if (local.Date < eta.Date)
        {
            return options.BeforeEta;
        }

        TimeSpan timeOfDay = local.TimeOfDay;
        return timeOfDay >= options.EtaDayStart && timeOfDay < options.EtaDayStart + options.DeliveryWindow ? options.EtaToday : options.InTransit;
    }

    /// <summary>The next delivery window's start after <paramref name="now"/>: the ETA day's, or, once that has come, the next day's.</summary>
    private DateTimeOffset? NextWindowStart(DateTimeOffset eta, DateTimeOffset now)
    {
        DateTimeOffset local = now.ToOffset(eta.Offset);
        DateTime day = local.Date < eta.Date ? eta.Date : local.Date;
        var start = new DateTimeOffset(day + options.EtaDayStart, eta.Offset);
        return start > now ? start : start.AddDays(1);
    }

    private TimeSpan NotFoundBackOff(int count)
    {
        int doublings = Math.Clamp(count - 1, 0, 16);
        TimeSpan backOff = TimeSpan.FromTicks(options.NotFoundInitial.Ticks << doublings);
        return backOff > options.NotFoundMax ? options.NotFoundMax : backOff;
    }
}
