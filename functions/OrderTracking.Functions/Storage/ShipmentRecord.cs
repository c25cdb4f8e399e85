using Azure;
using OrderTracking.Core.Kpis;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Functions.Storage;

/// <summary>A <c>shipment|{carrier}|{trackingNumber}</c> row of the <c>Orders</c> table.</summary>
internal sealed record ShipmentRecord
{
    public required string OrderKey { get; init; }
    public required string Carrier { get; init; }
    public required string TrackingNumber { get; init; }
    public string? TrackingUrl { get; init; }
    public string? PlatformShipmentId { get; init; }

    /// <summary>The number of the shipment of this order that this one replaced (its write-back moves here), if any.</summary>
    public string? Replaces { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public ShipmentTracking Tracking { get; init; } = new();

    /// <summary>Other carriers to try, in order, when this one answers "not found" (detection ranking).</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];

    /// <summary>True for the one shipment row (per carrier + number) that owns the poll schedule.</summary>
    public bool ScheduleOwner { get; init; }

    /// <summary>The <c>PollSchedule</c> row key that currently schedules this shipment (owner only).</summary>
    public string? ScheduleRowKey { get; init; }

    /// <summary>The lease row key whose poll produced the current <see cref="ScheduleRowKey"/> (crash recovery).</summary>
    public string? LastLeaseRowKey { get; init; }

    public DateTimeOffset? LastPolledAt { get; init; }
    public DateTimeOffset? NextPollAt { get; init; }
    public int NotFoundCount { get; init; }
    public int PollFailures { get; init; }
    public bool DeliveryConfirmed { get; init; }

    /// <summary>The time of this row's <c>DelayChecks</c> index row, if it has one (see <see cref="DelayCheckStore"/>).</summary>
    public DateTimeOffset? DelayCheckAt { get; init; }

    /// <summary>The journey's facts for the KPIs (first and latest ETA, milestone times, carrier updates).</summary>
    public ShipmentFacts Facts { get; init; } = ShipmentFacts.Empty;

    /// <summary>The trace of the ingestion that registered it: each poll's span is its child (see <c>Telemetry</c>).</summary>
    public string? TraceParent { get; init; }
    public ETag ETag { get; init; }

    public string RowKey => ShipmentRows.RowKey(Carrier, TrackingNumber);
}
