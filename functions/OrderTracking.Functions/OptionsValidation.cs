using OrderTracking.Core.Polling;
using OrderTracking.Functions.Notifications;
using OrderTracking.Functions.Polling;
using OrderTracking.Functions.Retention;

namespace OrderTracking.Functions;

/// <summary>
/// Start-up checks of the bound options, so a bad setting stops the app with a message naming the key instead of
/// failing later (e.g. <c>Polling:ShardCount=0</c> dividing by zero in the first tick).
/// </summary>
internal static class OptionsValidation
{
    public static IReadOnlyList<string> Problems(PollingOptions polling, PollCadenceOptions cadence, NotificationOptions notifications, RetentionOptions retention)
    {
        var problems = new List<string>();
        void Require(bool ok, string message)
        {
            if (!ok)
            {
                problems.Add(message);
            }
        }

        Require(polling.ShardCount is >= 1 and <= 99, $"Polling:ShardCount must be between 1 and 99 (PollSchedule partition keys have two digits), not {polling.ShardCount}.");
        Require(polling.MaxRequestsPerTick >= 1, $"Polling:MaxRequestsPerTick must be at least 1, not {polling.MaxRequestsPerTick}.");
        Require(polling.Lease > TimeSpan.Zero, $"Polling:Lease must be positive, not {polling.Lease}.");
        Require(polling.TickInterval > TimeSpan.Zero, $"Polling:TickInterval must be positive, not {polling.TickInterval}.");
        Require(polling.FailureBackOff > TimeSpan.Zero, $"Polling:FailureBackOff must be positive, not {polling.FailureBackOff}.");
        Require(polling.ThrottleBackOff > TimeSpan.Zero, $"Polling:ThrottleBackOff must be positive, not {polling.ThrottleBackOff}.");
        Require(polling.UnavailableCarrierRetry > TimeSpan.Zero, $"Polling:UnavailableCarrierRetry must be positive, not {polling.UnavailableCarrierRetry}.");
        Require(cadence.Jitter is >= 0 and < 1, $"Polling:Cadence:Jitter must be at least 0 and below 1, not {cadence.Jitter}.");
        Require(cadence.Minimum > TimeSpan.Zero, $"Polling:Cadence:Minimum must be positive, not {cadence.Minimum}.");
        Require(cadence.NotFoundInitial <= cadence.NotFoundMax, $"Polling:Cadence:NotFoundInitial ({cadence.NotFoundInitial}) must not exceed NotFoundMax ({cadence.NotFoundMax}).");
        Require(cadence.EtaDayStart >= TimeSpan.Zero && cadence.EtaDayStart < TimeSpan.FromDays(1), $"Polling:Cadence:EtaDayStart must be a time of day (00:00:00 to 23:59:59), not {cadence.EtaDayStart}.");
        Require(cadence.DeliveryWindow <= TimeSpan.FromDays(1), $"Polling:Cadence:DeliveryWindow must not exceed a day, not {cadence.DeliveryWindow}.");
        Require(cadence.PickupWindowStart is null || (cadence.PickupWindowStart >= TimeSpan.Zero && cadence.PickupWindowStart < TimeSpan.FromDays(1)), $"Polling:Cadence:PickupWindowStart must be a time of day (00:00:00 to 23:59:59), not {cadence.PickupWindowStart}.");
        Require(cadence.PickupWindow > TimeSpan.Zero && cadence.PickupWindow <= TimeSpan.FromDays(1), $"Polling:Cadence:PickupWindow must be positive and at most a day, not {cadence.PickupWindow}.");
        Require(cadence.PickupWindowStart is null || KnownTimeZone(cadence.ShipFromTimeZone), $"Polling:Cadence:ShipFromTimeZone '{cadence.ShipFromTimeZone}' is not a time zone this machine knows (use an IANA id such as America/New_York).");
        foreach ((string name, TimeSpan value) in new[]
        {
            ("OutForDelivery", cadence.OutForDelivery), ("EtaToday", cadence.EtaToday), ("InTransit", cadence.InTransit), ("BeforeEta", cadence.BeforeEta),
            ("DeliveryWindow", cadence.DeliveryWindow),
            ("LabelCreated", cadence.LabelCreated), ("LabelCreatedOutsideWindow", cadence.LabelCreatedOutsideWindow), ("NotFoundInitial", cadence.NotFoundInitial), ("NotFoundMax", cadence.NotFoundMax),
            ("DeliveredConfirmation", cadence.DeliveredConfirmation), ("ExpireAfterSilence", cadence.ExpireAfterSilence),
        })
        {
            Require(value > TimeSpan.Zero, $"Polling:Cadence:{name} must be positive, not {value}.");
        }

        Require(notifications.StalledAfter > TimeSpan.Zero, $"Notifications:StalledAfter must be positive, not {notifications.StalledAfter}.");
        Require(notifications.EtaGrace >= TimeSpan.Zero, $"Notifications:EtaGrace must not be negative, not {notifications.EtaGrace}.");
        Require(notifications.LinkLifetime > TimeSpan.Zero, $"Notifications:LinkLifetime must be positive, not {notifications.LinkLifetime}.");
        Require(retention.FinishedAfter >= TimeSpan.FromDays(1), $"Retention:FinishedAfter must be at least 1 day (1.00:00:00), not {retention.FinishedAfter}.");
        return problems;
    }

    private static bool KnownTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>Throws one <see cref="InvalidOperationException"/> listing every problem.</summary>
    public static void ThrowIfInvalid(PollingOptions polling, PollCadenceOptions cadence, NotificationOptions notifications, RetentionOptions retention)
    {
        IReadOnlyList<string> problems = Problems(polling, cadence, notifications, retention);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid configuration: " + string.Join(" ", problems));
        }
    }
}
