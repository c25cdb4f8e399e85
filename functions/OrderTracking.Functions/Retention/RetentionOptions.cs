namespace OrderTracking.Functions.Retention;

/// <summary>How long finished orders stay in the working tables. Configuration section <c>Retention</c>.</summary>
internal sealed class RetentionOptions
{
    /// <summary>
    /// Time after an order's last shipment finished (delivered, returned, cancelled, expired) before it is archived:
    /// its rows, ledgers and customer data deleted, its tracking kept for the read API. Default 90 days.
    /// </summary>
    public TimeSpan FinishedAfter { get; set; } = TimeSpan.FromDays(90);
}
