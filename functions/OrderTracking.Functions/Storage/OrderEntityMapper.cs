using System.Text.Json;
using Azure.Data.Tables;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Functions.Storage;

/// <summary>Maps order and shipment records to table entities and back (pure).</summary>
internal static class OrderEntityMapper
{
    private const int MaxDescription = 300;

    /// <summary>Only the non-null fields, so a merge-upsert never erases what an earlier event told us.</summary>
    public static TableEntity ToEntity(OrderRecord order)
    {
        var e = new TableEntity(order.OrderKey, ShipmentRows.OrderRowKey)
        {
            ["Source"] = order.Source,
            ["ExternalId"] = order.ExternalId,
        };
        Set(e, "OrderNumber", order.OrderNumber);
        Set(e, "CustomerEmail", order.CustomerEmail);
        Set(e, "CustomerName", order.CustomerName);
        Set(e, "Locale", order.Locale);
        Set(e, "CustomerPhone", order.CustomerPhone);
        Set(e, "SmsOptIn", order.SmsOptIn);
        Set(e, "UnsubscribedAt", order.UnsubscribedAt);
        if (order.References.Count > 0)
        {
            e["References"] = JsonSerializer.Serialize(order.References, Json.Options);
        }

        if (order.ReferencesAt.Count > 0)
        {
            e["ReferencesAt"] = JsonSerializer.Serialize(order.ReferencesAt, Json.Options);
        }

        if (order.Cancelled)
        {
            e["Cancelled"] = true;
        }

        Set(e, "CreatedAt", order.CreatedAt);
        Set(e, "UpdatedAt", order.UpdatedAt);
        return e;
    }

    public static OrderRecord ToOrder(TableEntity e) => new()
    {
        OrderKey = e.PartitionKey,
        Source = e.GetString("Source") ?? string.Empty,
        ExternalId = e.GetString("ExternalId") ?? string.Empty,
        OrderNumber = e.GetString("OrderNumber"),
        CustomerEmail = e.GetString("CustomerEmail"),
        CustomerName = e.GetString("CustomerName"),
        Locale = e.GetString("Locale"),
        CustomerPhone = e.GetString("CustomerPhone"),
        SmsOptIn = e.GetBoolean("SmsOptIn"),
        UnsubscribedAt = e.GetDateTimeOffset("UnsubscribedAt"),
        References = e.GetString("References") is { } refs
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(refs, Json.Options) ?? []
            : new Dictionary<string, string>(),
        ReferencesAt = e.GetString("ReferencesAt") is { } at
            ? JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(at, Json.Options) ?? []
            : new Dictionary<string, DateTimeOffset>(),
        Cancelled = e.GetBoolean("Cancelled") ?? false,
        CreatedAt = e.GetDateTimeOffset("CreatedAt"),
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt"),
        ETag = e.ETag,
    };

    public static TableEntity ToEntity(ShipmentRecord s)
    {
        var e = new TableEntity(s.OrderKey, s.RowKey)
        {
            ["Carrier"] = s.Carrier,
            ["TrackingNumber"] = s.TrackingNumber,
            ["RegisteredAt"] = s.RegisteredAt,
            ["Status"] = s.Tracking.Status.ToWireName(),
            ["Delayed"] = s.Tracking.Delayed,
            ["Events"] = JsonSerializer.Serialize(s.Tracking.Events.Select(Trim), Json.Options),
            ["Candidates"] = string.Join(',', s.Candidates),
            ["ScheduleOwner"] = s.ScheduleOwner,
            ["NotFoundCount"] = s.NotFoundCount,
            ["PollFailures"] = s.PollFailures,
            ["DeliveryConfirmed"] = s.DeliveryConfirmed,
            ETag = s.ETag,
        };
        Set(e, "TrackingUrl", s.TrackingUrl);
        Set(e, "PlatformShipmentId", s.PlatformShipmentId);
        Set(e, "Replaces", s.Replaces);
        Set(e, "Reason", s.Tracking.Reason);
        Set(e, "Eta", s.Tracking.Eta);
        Set(e, "LastEventAt", s.Tracking.LastEventAt);
        Set(e, "UpdatedAt", s.Tracking.UpdatedAt);
        Set(e, "ScheduleRowKey", s.ScheduleRowKey);
        Set(e, "LastLeaseRowKey", s.LastLeaseRowKey);
        Set(e, "LastPolledAt", s.LastPolledAt);
        Set(e, "NextPollAt", s.NextPollAt);
        Set(e, "DelayCheckAt", s.DelayCheckAt);
        return e;
    }

    public static ShipmentRecord ToShipment(TableEntity e) => new()
    {
        OrderKey = e.PartitionKey,
        Carrier = e.GetString("Carrier") ?? string.Empty,
        TrackingNumber = e.GetString("TrackingNumber") ?? string.Empty,
        TrackingUrl = e.GetString("TrackingUrl"),
        PlatformShipmentId = e.GetString("PlatformShipmentId"),
        Replaces = e.GetString("Replaces"),
        RegisteredAt = e.GetDateTimeOffset("RegisteredAt") ?? DateTimeOffset.MinValue,
        Tracking = new ShipmentTracking
        {
            Status = TrackingStatusExtensions.ParseWireName(e.GetString("Status")),
            Reason = e.GetString("Reason"),
            Delayed = e.GetBoolean("Delayed") ?? false,
            Eta = e.GetDateTimeOffset("Eta"),
            Events = e.GetString("Events") is { Length: > 0 } json
                ? JsonSerializer.Deserialize<List<TrackingEvent>>(json, Json.Options) ?? []
                : [],
            LastEventAt = e.GetDateTimeOffset("LastEventAt"),
            UpdatedAt = e.GetDateTimeOffset("UpdatedAt"),
        },
        Candidates = (e.GetString("Candidates") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        ScheduleOwner = e.GetBoolean("ScheduleOwner") ?? false,
        ScheduleRowKey = e.GetString("ScheduleRowKey"),
        LastLeaseRowKey = e.GetString("LastLeaseRowKey"),
        LastPolledAt = e.GetDateTimeOffset("LastPolledAt"),
        NextPollAt = e.GetDateTimeOffset("NextPollAt"),
        NotFoundCount = e.GetInt32("NotFoundCount") ?? 0,
        PollFailures = e.GetInt32("PollFailures") ?? 0,
        DeliveryConfirmed = e.GetBoolean("DeliveryConfirmed") ?? false,
        DelayCheckAt = e.GetDateTimeOffset("DelayCheckAt"),
        ETag = e.ETag,
    };

    private static TrackingEvent Trim(TrackingEvent e) =>
        e.Description.Length <= MaxDescription ? e : e with { Description = e.Description[..MaxDescription] };

    private static void Set(TableEntity e, string key, object? value)
    {
        if (value is not null)
        {
            e[key] = value;
        }
    }
}
