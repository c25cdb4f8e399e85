using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers;

/// <summary>A carrier code resolved to the normalized model (carriers.md §7).</summary>
internal readonly record struct MappedStatus(TrackingStatus Status, string? Reason = null, bool Delayed = false)
{
    public static readonly MappedStatus Unknown = new(TrackingStatus.Unknown);

    public bool IsKnown => Status != TrackingStatus.Unknown;
}
