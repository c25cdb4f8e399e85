using Azure;

namespace OrderTracking.Functions.Storage;

/// <summary>The <c>order</c> row of the <c>Orders</c> table. Holds PII (email, name, phone): never logged or served.</summary>
internal sealed record OrderRecord
{
    public required string OrderKey { get; init; }
    public required string Source { get; init; }
    public required string ExternalId { get; init; }
    public string? OrderNumber { get; init; }
    public string? CustomerEmail { get; init; }
    public string? CustomerName { get; init; }
    public string? Locale { get; init; }

    /// <summary>E.164 mobile number for texts (PII: never logged or served).</summary>
    public string? CustomerPhone { get; init; }

    /// <summary>The order asked for texts; null when it said nothing.</summary>
    public bool? SmsOptIn { get; init; }

    /// <summary>When the customer unsubscribed (one-click link): non-essential messages stop for this order.</summary>
    public DateTimeOffset? UnsubscribedAt { get; init; }
    public IReadOnlyDictionary<string, string> References { get; init; } = new Dictionary<string, string>();

    /// <summary>Per reference, the <c>OccurredAt</c> of the event that set it (see <c>ReferenceMerge</c>).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> ReferencesAt { get; init; } = new Dictionary<string, DateTimeOffset>();
    public bool Cancelled { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    public ETag ETag { get; init; }
}
