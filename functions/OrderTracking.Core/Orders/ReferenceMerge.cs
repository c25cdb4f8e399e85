namespace OrderTracking.Core.Orders;

/// <summary>
/// Merges an event's platform references into an order's, field by field (pure). Events arrive late and out of order
/// (a <c>PAYMENT.CAPTURE.COMPLETED</c> before its <c>CHECKOUT.ORDER.APPROVED</c>), and write-back needs every reference
/// any of them carried, so no event can drop one. A value changes only when the event is at least as recent as the one
/// that set it; an event without <c>OccurredAt</c> only fills references the order does not have yet.
/// </summary>
public static class ReferenceMerge
{
    /// <summary>The merged references and, per reference, the <c>OccurredAt</c> of the event that set it.</summary>
    public static (Dictionary<string, string> References, Dictionary<string, DateTimeOffset> SetAt) Merge(
        IReadOnlyDictionary<string, string> stored,
        IReadOnlyDictionary<string, DateTimeOffset> storedAt,
        IReadOnlyDictionary<string, string> incoming,
        DateTimeOffset? occurredAt)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(storedAt);
        ArgumentNullException.ThrowIfNull(incoming);
        var references = new Dictionary<string, string>(stored, StringComparer.Ordinal);
        var setAt = new Dictionary<string, DateTimeOffset>(storedAt, StringComparer.Ordinal);
        foreach ((string key, string value) in incoming)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            bool known = references.TryGetValue(key, out string? current);
            bool hasAt = setAt.TryGetValue(key, out DateTimeOffset currentAt);
            bool take = !known
                || (occurredAt is { } at && (!hasAt || at >= currentAt));
            if (take)
            {
                references[key] = value;
            }

            if ((take || current == value) && occurredAt is { } when && (!hasAt || when > currentAt))
            {
                setAt[key] = when;
            }
        }

        // Timestamps of references that no longer exist are dropped.
        foreach (string key in setAt.Keys.Where(k => !references.ContainsKey(k)).ToList())
        {
            setAt.Remove(key);
        }

        return (references, setAt);
    }
}
