using System.Text.Json;
using Azure.Data.Tables;
using OrderTracking.Core.Kpis;
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
        SetFacts(e, s.Facts);
        Set(e, "TraceParent", s.TraceParent);
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
        Facts = GetFacts(e),
        TraceParent = e.GetString("TraceParent"),
        ETag = e.ETag,
    };

    private static void SetFacts(TableEntity e, ShipmentFacts f)
    {
        SetTime(e, "FirstEta", f.FirstEta);
        SetTime(e, "LatestEta", f.LatestEta);
        SetTime(e, "FirstUpdateAt", f.FirstUpdateAt);
        SetTime(e, "FirstScanAt", f.FirstScanAt);
        SetTime(e, "OutForDeliveryAt", f.OutForDeliveryAt);
        SetTime(e, "DeliveredAt", f.DeliveredAt);
        SetTime(e, "FirstExceptionAt", f.FirstExceptionAt);
        SetTime(e, "ReturnedAt", f.ReturnedAt);
        if (f.CarrierUpdates > 0)
        {
            e["CarrierUpdates"] = f.CarrierUpdates;
        }
    }

    private static ShipmentFacts GetFacts(TableEntity e) => new()
    {
        FirstEta = GetTime(e, "FirstEta"),
        LatestEta = GetTime(e, "LatestEta"),
        FirstUpdateAt = GetTime(e, "FirstUpdateAt"),
        FirstScanAt = GetTime(e, "FirstScanAt"),
        OutForDeliveryAt = GetTime(e, "OutForDeliveryAt"),
        DeliveredAt = GetTime(e, "DeliveredAt"),
        FirstExceptionAt = GetTime(e, "FirstExceptionAt"),
        ReturnedAt = GetTime(e, "ReturnedAt"),
        CarrierUpdates = e.GetInt32("CarrierUpdates") ?? 0,
    };

    private static TrackingEvent Trim(TrackingEvent e) =>
        e.Description.Length <= MaxDescription ? e : e with { Description = e.Description[..MaxDescription] };

    /// <summary>A fact time keeps its offset (the carrier's local day decides on-time): stored as ISO 8601 text, not as a UTC DateTime.</summary>
    private static void SetTime(TableEntity e, string key, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            e[key] = v.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static DateTimeOffset? GetTime(TableEntity e, string key) =>
        e.GetString(key) is { } text && DateTimeOffset.TryParseExact(text, "o", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out DateTimeOffset v)
            ? v
            : null;

    private static void Set(TableEntity e, string key, object? value)
    {
        if (value is not null)
        {
            e[key] = value;
        }
    }
}
