namespace OrderTracking.Core.Polling;

/// <summary>Adaptive polling cadence (DESIGN §7). Bound from configuration section <c>Polling</c>.</summary>
public sealed class PollCadenceOptions
{
    /// <summary>Out for delivery, until the delivered scan. Default 1 hour.</summary>
    public TimeSpan OutForDelivery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Inside the delivery window on the ETA's day and each later day until the parcel goes out for delivery: the
    /// out-for-delivery scan is the one customers wait for. Default 25 minutes.
    /// </summary>
    public TimeSpan EtaToday { get; set; } = TimeSpan.FromMinutes(25);

    /// <summary>
    /// The delivery window's start, in the ETA's own offset (the carrier's local time). A shipment polled sparsely in
    /// transit is polled at this time on its ETA day at the latest. Default 06:00.
    /// </summary>
    public TimeSpan EtaDayStart { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long the delivery window lasts from <see cref="EtaDayStart"/> (carriers scan out for delivery in the morning). Default 6 hours.</summary>
    public TimeSpan DeliveryWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>In transit while the ETA's day is still ahead (capped at that day's window). Default 12 hours.</summary>
    public TimeSpan BeforeEta { get; set; } = TimeSpan.FromHours(12);

    /// <summary>In transit without an ETA, exceptions, and outside the window once the ETA's day has come. Default 3 hours.</summary>
    public TimeSpan InTransit { get; set; } = TimeSpan.FromHours(3);

    /// <summary>
    /// Label created, not yet scanned: the first scan is the "shipped" email, and nothing predicts when it comes, so
    /// this bounds its lag. Default 2 hours.
    /// </summary>
    public TimeSpan LabelCreated { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Optional: when the merchant's parcels are handed to the carrier each day (a scheduled daily pickup), as a time of
    /// day in <see cref="ShipFromTimeZone"/>. The first scan is the pickup scan or the arrival scan at the carrier's
    /// facility at the end of the driver's round, so it comes in the window from this time for
    /// <see cref="PickupWindow"/>. Set, a label-created shipment is polled every <see cref="LabelCreated"/> inside the
    /// window and every <see cref="LabelCreatedOutsideWindow"/> outside it, woken at the window's start at the latest.
    /// Default none: every <see cref="LabelCreated"/>, around the clock.
    /// </summary>
    public TimeSpan? PickupWindowStart { get; set; }

    /// <summary>How long the pickup window lasts from <see cref="PickupWindowStart"/> (it may run past midnight). Default 8 hours.</summary>
    public TimeSpan PickupWindow { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Label created, outside the pickup window (only with <see cref="PickupWindowStart"/> set). Default 12 hours.</summary>
    public TimeSpan LabelCreatedOutsideWindow { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The time zone of the place parcels ship from, for <see cref="PickupWindowStart"/>: an IANA id such as
    /// <c>America/New_York</c> (Windows ids work too). Default <c>UTC</c>.
    /// </summary>
    public string ShipFromTimeZone { get; set; } = "UTC";

    /// <summary>First back-off for "not found"; doubles per miss up to <see cref="NotFoundMax"/>. Default 1 hour.</summary>
    public TimeSpan NotFoundInitial { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest "not found" back-off. Default 24 hours.</summary>
    public TimeSpan NotFoundMax { get; set; } = TimeSpan.FromHours(24);

    /// <summary>After delivery: one confirmation poll this much later, then stop. Default 24 hours.</summary>
    public TimeSpan DeliveredConfirmation { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Stop (status expired) after this long without any carrier event. Default 30 days.</summary>
    public TimeSpan ExpireAfterSilence { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Relative jitter applied to every due time (0.1 = ±10 %). Default 0.1.</summary>
    public double Jitter { get; set; } = 0.1;

    /// <summary>Shortest interval ever returned (protects carriers from tight loops). Default 1 second.</summary>
    public TimeSpan Minimum { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Optional override for every interval (local demos and tests use a few seconds). Default none.</summary>
    public TimeSpan? Fixed { get; set; }
}
