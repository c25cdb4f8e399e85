using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Polling;

/// <summary>
/// Adaptive cadence (DESIGN §7): out for delivery ≈ 25 min, ETA today ≈ 1 h, in transit ≈ 3 h, label created ≈ 6 h,
/// not found backs off 1 → 24 h, delivered gets one confirmation poll a day later, then stop; stop after 30 days
/// without events. Every due time is jittered so shipments registered together spread out.
/// </summary>
public sealed class PollCadence(PollCadenceOptions options)
{
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
            TrackingStatus.LabelCreated => options.LabelCreated,
            _ when context.Eta is { } eta && now >= EtaDayStart(eta) => options.EtaToday,
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

        // In transit, wake at the start of the ETA day at the latest: a long transit interval must not sleep through
        // the morning the parcel goes out for delivery.
        if (options.Fixed is null && context.Status is not (TrackingStatus.OutForDelivery or TrackingStatus.LabelCreated or TrackingStatus.NotFound or TrackingStatus.Delivered)
            && context.Eta is { } due && EtaDayStart(due) is { } dayStart && dayStart > now && next > dayStart)
        {
            next = dayStart;
        }

        return new PollDecision(next);
    }

    /// <summary><see cref="PollCadenceOptions.EtaDayStart"/> on the ETA's local date, in the ETA's offset.</summary>
    private DateTimeOffset EtaDayStart(DateTimeOffset eta) => new(eta.Date + options.EtaDayStart, eta.Offset);

    private TimeSpan NotFoundBackOff(int count)
    {
        int doublings = Math.Clamp(count - 1, 0, 16);
        TimeSpan backOff = TimeSpan.FromTicks(options.NotFoundInitial.Ticks << doublings);
        return backOff > options.NotFoundMax ? options.NotFoundMax : backOff;
    }
}
