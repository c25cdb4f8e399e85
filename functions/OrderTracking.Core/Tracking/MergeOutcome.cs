namespace OrderTracking.Core.Tracking;

/// <summary>Result of merging a carrier answer into the stored state.</summary>
/// <param name="State">The merged state.</param>
/// <param name="Previous">The status before the merge.</param>
/// <param name="Changed">True when anything visible changed (status, reason, delay, ETA or events).</param>
public sealed record MergeOutcome(ShipmentTracking State, TrackingStatus Previous, bool Changed)
{
    /// <summary>True when the status itself changed.</summary>
    public bool StatusChanged => State.Status != Previous;
}
