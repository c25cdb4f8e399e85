namespace OrderTracking.Core.Orders;

/// <summary>Kinds of normalized order events.</summary>
public enum OrderEventKind
{
    /// <summary>Create or update the order and add the named shipments.</summary>
    Upsert,
    /// <summary>The order was cancelled: stop tracking shipments that have not shipped.</summary>
    Cancelled,
}
