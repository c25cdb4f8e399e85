using OrderTracking.Core.Notifications;

namespace OrderTracking.Core.Kpis;

/// <summary>One <c>Kpis</c> aggregate row: a day, a carrier (<c>*</c> for order-level counters), a source, its counters.</summary>
public sealed record KpiRow(DateOnly Day, string Carrier, string Source, IReadOnlyDictionary<string, long> Counters);

/// <summary>Transit time percentiles in hours (null without a delivered shipment that had a first scan).</summary>
public sealed record TransitHours(double? P50, double? P90, long Count);

/// <summary>The delivery KPIs of one group (all, a carrier, a source); the formulas are in docs/kpis.md.</summary>
public sealed record KpiFigures
{
    public string? Carrier { get; init; }
    public string? Source { get; init; }
    public long Shipments { get; init; }
    public long Delivered { get; init; }
    public long DeliveredWithPromise { get; init; }
    public long DeliveredOnTime { get; init; }
    public double? OnTimeRate { get; init; }
    public long Exceptions { get; init; }
    public double? ExceptionRate { get; init; }
    public long Returns { get; init; }
    public long NoUpdateAfter24h { get; init; }
    public double? TrackingCoverage { get; init; }
    public required TransitHours TransitHours { get; init; }
}

/// <summary>Messages sent and tracking-page opens from their links, per channel and milestone.</summary>
public sealed record ChannelFigures(string Channel, IReadOnlyDictionary<string, long> Sent, IReadOnlyDictionary<string, long> Opened, double? ClickThroughRate);

/// <summary>One day of one carrier, for the charts.</summary>
public sealed record KpiDay(DateOnly Date, string Carrier, long Shipments, long Delivered, long DeliveredWithPromise, long DeliveredOnTime, long Exceptions);

/// <summary>The whole answer of <c>GET /api/kpis</c>.</summary>
public sealed record KpiReport
{
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public string? Carrier { get; init; }
    public string? Source { get; init; }
    public required KpiFigures Totals { get; init; }
    public required IReadOnlyList<KpiFigures> Carriers { get; init; }
    public required IReadOnlyList<KpiFigures> Sources { get; init; }
    public required IReadOnlyList<ChannelFigures> Notifications { get; init; }
    public long Lookups { get; init; }
    public long LookupMisses { get; init; }

    /// <summary>Transit time histogram of the range: the bucket upper bounds in hours and the counts (one more count: the open bucket).</summary>
    public required IReadOnlyList<int> TransitBucketUpperHours { get; init; }
    public required IReadOnlyList<long> TransitBucketCounts { get; init; }
    public required IReadOnlyList<KpiDay> Days { get; init; }

    /// <summary>Rows in, report out. The filters apply to the shipment counters; notifications and lookups follow the source filter only.</summary>
    public static KpiReport Build(IEnumerable<KpiRow> rows, DateOnly from, DateOnly to, string? carrier, string? source)
    {
        ArgumentNullException.ThrowIfNull(rows);
        KpiRow[] inRange = [.. rows.Where(r => r.Day >= from && r.Day <= to && (source is null || r.Source == source))];
        KpiRow[] shipmentRows = [.. inRange.Where(r => r.Carrier != "*" && (carrier is null || r.Carrier == carrier))];
        long[] buckets = Buckets(shipmentRows);
        return new KpiReport
        {
            From = from,
            To = to,
            Carrier = carrier,
            Source = source,
            Totals = Figures(shipmentRows, null, null),
            Carriers = [.. shipmentRows.GroupBy(r => r.Carrier, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g, g.Key, null))],
            Sources = [.. shipmentRows.GroupBy(r => r.Source, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g, null, g.Key))],
            Notifications = [.. KpiCounters.Channels.Select(c => Channel(inRange, c))],
            Lookups = Sum(inRange, KpiCounters.Lookups),
            LookupMisses = Sum(inRange, KpiCounters.LookupMisses),
            TransitBucketUpperHours = TransitHistogram.UpperBounds,
            TransitBucketCounts = buckets,
            Days = [.. shipmentRows.GroupBy(r => (r.Day, r.Carrier)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Carrier, StringComparer.Ordinal)
                .Select(g => new KpiDay(g.Key.Day, g.Key.Carrier, Sum(g, KpiCounters.Shipments), Sum(g, KpiCounters.Delivered),
                    Sum(g, KpiCounters.DeliveredWithPromise), Sum(g, KpiCounters.DeliveredOnTime), Sum(g, KpiCounters.Exceptions)))],
        };
    }

    private static KpiFigures Figures(IEnumerable<KpiRow> group, string? carrier, string? source)
    {
        KpiRow[] rows = [.. group];
        long shipments = Sum(rows, KpiCounters.Shipments), withPromise = Sum(rows, KpiCounters.DeliveredWithPromise);
        long onTime = Sum(rows, KpiCounters.DeliveredOnTime), exceptions = Sum(rows, KpiCounters.Exceptions), noUpdate = Sum(rows, KpiCounters.NoUpdateAfter24h);
        long[] buckets = Buckets(rows);
        return new KpiFigures
        {
            Carrier = carrier,
            Source = source,
            Shipments = shipments,
            Delivered = Sum(rows, KpiCounters.Delivered),
            DeliveredWithPromise = withPromise,
            DeliveredOnTime = onTime,
            OnTimeRate = Rate(onTime, withPromise),
            Exceptions = exceptions,
            ExceptionRate = Rate(exceptions, shipments),
            Returns = Sum(rows, KpiCounters.Returns),
            NoUpdateAfter24h = noUpdate,
            TrackingCoverage = shipments == 0 ? null : Rate(Math.Max(0, shipments - noUpdate), shipments),
            TransitHours = new TransitHours(TransitHistogram.Percentile(buckets, 0.5), TransitHistogram.Percentile(buckets, 0.9), buckets.Sum()),
        };
    }

    private static ChannelFigures Channel(KpiRow[] rows, string channel)
    {
        Milestone[] milestones = Enum.GetValues<Milestone>();
        var sent = milestones.ToDictionary(m => m.ToWireName(), m => Sum(rows, KpiCounters.Sent(channel, m)), StringComparer.Ordinal);
        var opened = milestones.ToDictionary(m => m.ToWireName(), m => Sum(rows, KpiCounters.Opened(channel, m)), StringComparer.Ordinal);
        return new ChannelFigures(channel, sent, opened, Rate(opened.Values.Sum(), sent.Values.Sum()));
    }

    private static long[] Buckets(IEnumerable<KpiRow> rows)
    {
        long[] counts = new long[TransitHistogram.BucketCount];
        foreach (KpiRow row in rows)
        {
            for (int i = 0; i < counts.Length; i++)
            {
                counts[i] += row.Counters.GetValueOrDefault(TransitHistogram.CounterName(i));
            }
        }

        return counts;
    }

    private static long Sum(IEnumerable<KpiRow> rows, string counter) => rows.Sum(r => r.Counters.GetValueOrDefault(counter));

    private static double? Rate(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
