using System.Globalization;
using System.Net;
using OrderTracking.Carriers.Http;
using OrderTracking.Carriers.Usps.Wire;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;
using Event = OrderTracking.Core.Tracking.TrackingEvent;

namespace OrderTracking.Carriers.Usps;

/// <summary>USPS Tracking v3 reply → normalized result (pure; carriers.md §1.3, §3.3).</summary>
internal static class UspsMapper
{
    public static CarrierTrackingResult Map(CarrierHttpReply reply, ICollection<string> unknownCodes)
    {
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return CarrierTrackingResult.NotFound();
        }

        if ((int)reply.Status is < 200 or > 299)
        {
            string? code = CarrierJson.TryParse(reply.Body, UspsJsonContext.Default.ErrorMessage, out ErrorMessage? error, out _) ? error!.Error?.Code : null;
            return CarrierTrackingResult.Failed($"USPS HTTP {(int)reply.Status}{(code is null ? string.Empty : " " + code)}");
        }

        if (!CarrierJson.TryParse(reply.Body, UspsJsonContext.Default.TrackingDetails, out TrackingDetails? details, out CarrierTrackingResult? failure))
        {
            return failure!;
        }

        var events = new List<Event>(details!.TrackingEvents?.Count ?? 0);
        foreach (Wire.TrackingEvent item in details.TrackingEvents ?? [])
        {
            if (ParseTime(item) is not DateTimeOffset time)
            {
                continue;
            }

            MappedStatus mapped = UspsStatusMap.Map(item.EventCode, null, item.EventType);
            if (!mapped.IsKnown)
            {
                unknownCodes.Add(item.EventCode ?? "(none)");
            }

            events.Add(new Event(time, mapped.Status, item.EventType ?? string.Empty, Blank(item.EventCity), Blank(item.EventState),
                Blank(item.EventCountry) ?? "US", item.EventCode));
        }

        Event[] ordered = [.. events.OrderByDescending(e => e.Time)];
        string? newestCode = details.TrackingEvents is [var newest, ..] ? newest.EventCode : null;
        MappedStatus current = UspsStatusMap.Map(newestCode, details.StatusCategory, details.Status);
        if (!current.IsKnown)
        {
            unknownCodes.Add(newestCode ?? details.StatusCategory ?? "(none)");
        }

        TimeSpan offset = ordered.Length > 0 ? ordered[0].Time.Offset : TimeSpan.Zero;
        DateTimeOffset? eta = current.Status.IsTerminal() ? null : ParseLocal(details.ExpectedDeliveryTimeStamp ?? details.PredictedDeliveryDate, offset);
        return CarrierTrackingResult.Found(current.Status, ordered, eta, current.Reason, current.Delayed);
    }

    // Local eventTimestamp + GMTOffset when given; else the GMT timestamp; else the local time read as UTC.
    internal static DateTimeOffset? ParseTime(Wire.TrackingEvent item)
    {
        if (item.GmtOffset is { Length: > 0 } text &&
            TimeSpan.TryParse(text.TrimStart('+', '-'), CultureInfo.InvariantCulture, out TimeSpan magnitude) &&
            ParseLocal(item.EventTimestamp, text.StartsWith('-') ? -magnitude : magnitude) is DateTimeOffset local)
        {
            return local;
        }

        if (item.GmtTimestamp is not null &&
            DateTimeOffset.TryParse(item.GmtTimestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset gmt))
        {
            return gmt;
        }

        return ParseLocal(item.EventTimestamp, TimeSpan.Zero);
    }

    private static DateTimeOffset? ParseLocal(string? value, TimeSpan offset) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local)
            ? CarrierTime.At(local, offset)
            : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
