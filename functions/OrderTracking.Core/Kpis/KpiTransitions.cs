namespace OrderTracking.Core.Kpis;

/// <summary>Which KPI transitions a change of <see cref="ShipmentFacts"/> makes (pure).</summary>
public static class KpiTransitions
{
    /// <summary>Registered: one shipment on the registration day.</summary>
    public static KpiTransition Registered(DateTimeOffset registeredAt) =>
        new("registered", registeredAt, new Dictionary<string, int> { [KpiCounters.Shipments] = 1 });

    /// <summary>No carrier update within 24 h: counted on the registration day.</summary>
    public static KpiTransition NoUpdate(DateTimeOffset registeredAt) =>
        new("noUpdate", registeredAt, new Dictionary<string, int> { [KpiCounters.NoUpdateAfter24h] = 1 });

    /// <summary>True when the shipment had no carrier update within 24 h of <paramref name="registeredAt"/>.</summary>
    public static bool HadNoUpdateWithin24h(ShipmentFacts facts, DateTimeOffset registeredAt)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.FirstUpdateAt is not { } first || first > registeredAt + TimeSpan.FromHours(24);
    }

    /// <summary>The transitions from <paramref name="before"/> to <paramref name="after"/>: each fact that became known.</summary>
    public static IReadOnlyList<KpiTransition> Between(ShipmentFacts before, ShipmentFacts after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var transitions = new List<KpiTransition>();
        if (before.DeliveredAt is null && after.DeliveredAt is { } delivered)
        {
            transitions.Add(new KpiTransition("delivered", delivered, DeliveredIncrements(after, delivered)));
        }

        if (before.FirstExceptionAt is null && after.FirstExceptionAt is { } exception)
        {
            transitions.Add(new KpiTransition("exception", exception, new Dictionary<string, int> { [KpiCounters.Exceptions] = 1 }));
        }

        if (before.ReturnedAt is null && after.ReturnedAt is { } returned)
        {
            transitions.Add(new KpiTransition("returned", returned, new Dictionary<string, int> { [KpiCounters.Returns] = 1 }));
        }

        return transitions;
    }

    /// <summary>
    /// On time: delivered on or before the first promised day, each date read in its own offset (the carrier's local
    /// day). Without a promise a delivery counts as delivered, not for or against on-time.
    /// </summary>
    public static bool? OnTime(DateTimeOffset? firstEta, DateTimeOffset delivered) =>
        firstEta is { } eta ? DateOnly.FromDateTime(delivered.DateTime) <= DateOnly.FromDateTime(eta.DateTime) : null;

    private static Dictionary<string, int> DeliveredIncrements(ShipmentFacts facts, DateTimeOffset delivered)
    {
        var increments = new Dictionary<string, int> { [KpiCounters.Delivered] = 1 };
        if (OnTime(facts.FirstEta, delivered) is { } onTime)
        {
            increments[KpiCounters.DeliveredWithPromise] = 1;
            if (onTime)
            {
                increments[KpiCounters.DeliveredOnTime] = 1;
            }
        }

        if (facts.FirstScanAt is { } scanned)
        {
            increments[TransitHistogram.CounterName(TransitHistogram.BucketOf(delivered - scanned))] = 1;
        }

        return increments;
    }
}
