using System.Globalization;
using System.Net;
using OrderTracking.Carriers.Dhl.Wire;
using OrderTracking.Carriers.Http;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Dhl;

/// <summary>DHL Unified reply → normalized result (pure; carriers.md §1.4, §3.4).</summary>
internal static class DhlMapper
{
    public static CarrierTrackingResult Map(CarrierHttpReply reply, ICollection<string> unknownCodes)
    {
        // 404 application/problem+json "No result found" = not found [S30].
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return CarrierTrackingResult.NotFound();
        }

        if ((int)reply.Status is < 200 or > 299)
        {
            string? title = CarrierJson.TryParse(reply.Body, DhlJsonContext.Default.Problem, out Problem? problem, out _) ? problem!.Title : null;
            return CarrierTrackingResult.Failed($"DHL HTTP {(int)reply.Status}{(title is null ? string.Empty : " " + title)}");
        }

        if (!CarrierJson.TryParse(reply.Body, DhlJsonContext.Default.SupermodelIoLogisticsTrackingShipments, out var body, out CarrierTrackingResult? failure))
        {
            return failure!;
        }

        if (body!.Shipments is not [var shipment, ..])
        {
            return CarrierTrackingResult.NotFound();
        }

        var events = new List<TrackingEvent>(shipment.Events?.Count ?? 0);
        foreach (ShipmentEvent item in shipment.Events ?? [])
        {
            if (ParseTime(item.Timestamp) is not DateTimeOffset time)
            {
                continue;
            }

            MappedStatus mapped = Map(item, unknownCodes);
            events.Add(new TrackingEvent(time, mapped.Status, item.Description ?? item.Status ?? string.Empty,
                Blank(item.Location?.Address?.AddressLocality), null, Blank(item.Location?.Address?.CountryCode), item.StatusCode));
        }

        TrackingEvent[] ordered = [.. events.OrderByDescending(e => e.Time)];
        MappedStatus current = shipment.Status is { } status ? Map(status, unknownCodes) : ordered.Length > 0 ? new(ordered[0].Status) : MappedStatus.Unknown;
        DateTimeOffset? eta = current.Status.IsTerminal() ? null : ParseTime(shipment.EstimatedTimeOfDelivery);
        return CarrierTrackingResult.Found(current.Status, ordered, eta, current.Reason, current.Delayed);
    }

    private static MappedStatus Map(ShipmentEvent item, ICollection<string> unknownCodes)
    {
        MappedStatus mapped = DhlStatusMap.Map(item.StatusCode, item.Status, item.Description);
        if (!mapped.IsKnown)
        {
            unknownCodes.Add(item.StatusCode ?? "(none)");
        }

        return mapped;
    }

    // ISO-8601, sometimes without an offset (karrio fixture "2018-03-02T07:53:47" [S31]): read those as UTC.
    internal static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time) ? time : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
