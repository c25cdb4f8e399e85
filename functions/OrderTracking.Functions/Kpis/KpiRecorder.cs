using System.Globalization;
using OrderTracking.Core.Kpis;
using OrderTracking.Core.Notifications;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Kpis;

/// <summary>
/// Counts KPI transitions into <see cref="KpiStore"/>, each once (its marker names the shipment's journey: carrier,
/// number and registration time, so a reused number is a new journey). Shipment transitions are counted for the row
/// that owns the poll schedule, so a parcel two orders share counts once. Called before the caller's commit point,
/// so a crash re-derives the same transition and the marker drops the repeat.
/// </summary>
internal sealed partial class KpiRecorder(KpiStore store, KpiCheckStore checks, ILogger<KpiRecorder> logger)
{
    /// <summary>How long after registration coverage is judged (<c>noUpdateAfter24h</c>).</summary>
    public static readonly TimeSpan CoverageWindow = TimeSpan.FromHours(24);

    public static string SourceOf(string orderKey)
    {
        int colon = orderKey.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? orderKey[..colon] : KpiStore.NoSource;
    }

    /// <summary>A new shipment: counted on its registration day, and its coverage check indexed for registration + 24 h.</summary>
    public async Task RegisteredAsync(ShipmentRecord shipment, CancellationToken cancellationToken)
    {
        await checks.UpsertAsync(shipment.OrderKey, shipment.Carrier, shipment.TrackingNumber, shipment.RegisteredAt + CoverageWindow, cancellationToken);
        await CountAsync(shipment, KpiTransitions.Registered(shipment.RegisteredAt), cancellationToken);
    }

    /// <summary>The transitions of one poll of the owner row.</summary>
    public async Task TransitionsAsync(ShipmentRecord owner, IReadOnlyList<KpiTransition> transitions, CancellationToken cancellationToken)
    {
        foreach (KpiTransition transition in transitions)
        {
            await CountAsync(owner, transition, cancellationToken);
        }
    }

    /// <summary>Counts the shipment in <c>noUpdateAfter24h</c> of its registration day (once).</summary>
    public Task NoUpdateAsync(ShipmentRecord shipment, CancellationToken cancellationToken) =>
        CountAsync(shipment, KpiTransitions.NoUpdate(shipment.RegisteredAt), cancellationToken);

    /// <summary>A message sent on <paramref name="channel"/>: once per ledger row.</summary>
    public Task SentAsync(string orderKey, string? carrier, string channel, Milestone milestone, string ledgerRowKey, DateTimeOffset now, CancellationToken cancellationToken) =>
        store.AddAsync(now, carrier ?? KpiStore.AnyCarrier, SourceOf(orderKey), $"sent|{channel}|{orderKey}|{ledgerRowKey}",
            new Dictionary<string, int> { [KpiCounters.Sent(channel, milestone)] = 1 }, cancellationToken);

    /// <summary>
    /// A tracking-page open from a message's link: counted on the day the message was sent (the link says which), once
    /// per order, channel and milestone that day, so the click-through of a day's messages is at most 1.
    /// </summary>
    public Task OpenedAsync(string orderKey, string channel, Milestone milestone, DateOnly sentOn, CancellationToken cancellationToken) =>
        store.AddAsync(new DateTimeOffset(sentOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), KpiStore.AnyCarrier, SourceOf(orderKey),
            $"open|{channel}|{milestone.ToWireName()}|{orderKey}", new Dictionary<string, int> { [KpiCounters.Opened(channel, milestone)] = 1 }, cancellationToken);

    /// <summary>A customer lookup (no marker: each is one). Best effort: a storage failure is logged, never the lookup's failure.</summary>
    public async Task LookupAsync(string? orderKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await store.AddAsync(now, KpiStore.AnyCarrier, orderKey is null ? KpiStore.NoSource : SourceOf(orderKey), null,
                new Dictionary<string, int> { [orderKey is null ? KpiCounters.LookupMisses : KpiCounters.Lookups] = 1 }, cancellationToken);
        }
        catch (Exception ex) when (StorageContext.IsUnavailable(ex) || ex is global::Azure.RequestFailedException)
        {
            LogLookupNotCounted(logger, ex.GetType().Name);
        }
    }

    private async Task CountAsync(ShipmentRecord shipment, KpiTransition transition, CancellationToken cancellationToken)
    {
        string marker = $"{transition.Key}|{shipment.Carrier}|{shipment.TrackingNumber}|{shipment.RegisteredAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}";
        await store.AddAsync(transition.At, shipment.Carrier, SourceOf(shipment.OrderKey), marker, transition.Increments, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A lookup was not counted in the KPIs: storage answered {Error}")]
    private static partial void LogLookupNotCounted(ILogger logger, string error);
}
