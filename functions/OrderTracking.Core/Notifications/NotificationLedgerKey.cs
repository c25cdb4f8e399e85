using System.Globalization;

namespace OrderTracking.Core.Notifications;

/// <summary>
/// Keys of the <c>Notifications</c> ledger (DESIGN §5: PartitionKey = orderKey, RowKey =
/// <c>{carrier}|{trackingNumber}|{milestone}</c>) and the deterministic operation id of each email.
/// </summary>
/// <remarks>
/// The milestone segment is the wire name (<c>shipped</c>, <c>outForDelivery</c>, …). <see cref="Milestone.Delayed"/>
/// can happen once per episode, so its segment carries the episode: <c>delayed-{episodeKey}</c>, e.g.
/// <c>ups|1Z999AA10123456784|delayed-s20261119T100000Z</c>. Every other milestone is at most once per shipment.
/// </remarks>
public static class NotificationLedgerKey
{
    /// <summary>The milestone segment: the wire name, or <c>delayed-{episodeKey}</c>.</summary>
    /// <exception cref="ArgumentException">Delayed without an episode key, an episode key for another milestone, or an unsafe key.</exception>
    public static string MilestoneSegment(Milestone milestone, string? episodeKey = null)
    {
        if (milestone != Milestone.Delayed)
        {
            return episodeKey is null
                ? milestone.ToWireName()
                : throw new ArgumentException("Only the delayed milestone has episodes.", nameof(episodeKey));
        }

        ArgumentException.ThrowIfNullOrEmpty(episodeKey);
        foreach (char c in episodeKey)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                throw new ArgumentException("An episode key holds ASCII letters, digits and '-' only.", nameof(episodeKey));
            }
        }

        return $"{milestone.ToWireName()}-{episodeKey}";
    }

    /// <summary>The ledger RowKey of an order-level email (<see cref="Milestone.OrderConfirmed"/>): <c>order|{milestone}</c>.</summary>
    public static string OrderRowKey(Milestone milestone) => $"order|{milestone.ToWireName()}";

    /// <summary>The ledger RowKey <c>{carrier}|{trackingNumber}|{milestoneSegment}</c>.</summary>
    public static string RowKey(string carrier, string trackingNumber, Milestone milestone, string? episodeKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(carrier);
        ArgumentException.ThrowIfNullOrEmpty(trackingNumber);
        return string.Create(CultureInfo.InvariantCulture, $"{carrier}|{trackingNumber}|{MilestoneSegment(milestone, episodeKey)}");
    }

    /// <summary>
    /// The email's operation id: a UUID derived from <c>{orderKey}|{rowKey}</c>, so every retry, duplicate message or
    /// second instance sends with the same id (ACS <c>Operation-Id</c>; outbox file name).
    /// </summary>
    public static string OperationId(string orderKey, string rowKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderKey);
        ArgumentException.ThrowIfNullOrEmpty(rowKey);
        return DeterministicGuid.Create($"{orderKey}|{rowKey}").ToString("D");
    }
}
