using System.Globalization;
using System.Net;
using OrderTracking.Carriers.Http;
using OrderTracking.Carriers.Ups.Wire;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Ups;

/// <summary>UPS Track API reply → normalized result (pure; carriers.md §1.1, §3.1).</summary>
internal static class UpsMapper
{
    /// <summary>"Tracking Information Not Found", sent as a warning inside HTTP 200 in practice [S7].</summary>
    public const string NotFoundWarning = "TW0001";

    /// <summary>"Invalid inquiry number".</summary>
    public const string InvalidNumberError = "TV1002";

    public static CarrierTrackingResult Map(CarrierHttpReply reply, ICollection<string> unknownCodes)
    {
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return CarrierTrackingResult.NotFound();
        }

        if ((int)reply.Status is < 200 or > 299)
        {
            return UpsErrorParser.Parse(reply);
        }

        if (!CarrierJson.TryParse(reply.Body, UpsJsonContext.Default.TrackApiResponse, out TrackApiResponse? body, out CarrierTrackingResult? failure))
        {
            return failure!;
        }

        Shipment? shipment = body!.TrackResponse?.Shipment is [var first, ..] ? first : null;
        Package? package = shipment?.Package is [var firstPackage, ..] ? firstPackage : null;
        if (package is null)
        {
            return shipment?.Warnings?.Any(w => w.Code == NotFoundWarning) == true
                ? CarrierTrackingResult.NotFound()
                : CarrierTrackingResult.Failed("UPS response without package");
        }

        TrackingEvent[] events = MapEvents(package.Activity, unknownCodes);
        Status? currentStatus = package.CurrentStatus ?? (package.Activity is [var newest, ..] ? newest.Status : null);
        MappedStatus current = UpsStatusMap.Map(currentStatus);
        if (!current.IsKnown)
        {
            unknownCodes.Add(UpsStatusMap.CodeOf(currentStatus));
        }

        DateTimeOffset? eta = current.Status.IsTerminal() ? null : Eta(package, events.Length > 0 ? events[0].Time.Offset : TimeSpan.Zero);
        return CarrierTrackingResult.Found(current.Status, events, eta, current.Reason, current.Delayed);
    }

    private static TrackingEvent[] MapEvents(IReadOnlyList<Activity>? activities, ICollection<string> unknownCodes)
    {
        if (activities is null)
        {
            return [];
        }

        var events = new List<TrackingEvent>(activities.Count);
        foreach (Activity activity in activities)
        {
            if (ParseTime(activity) is not DateTimeOffset time)
            {
                continue;
            }

            MappedStatus mapped = UpsStatusMap.Map(activity.Status);
            if (!mapped.IsKnown)
            {
                unknownCodes.Add(UpsStatusMap.CodeOf(activity.Status));
            }

            Address? address = activity.Location?.Address;
            events.Add(new TrackingEvent(
                time, mapped.Status, activity.Status?.Description?.Trim() ?? string.Empty, Blank(address?.City),
                Blank(address?.StateProvince), Blank(address?.CountryCode ?? address?.Country), activity.Status?.StatusCode ?? activity.Status?.Code));
        }

        // UPS lists activity newest first [S1]; sorting (stable) keeps that and repairs any stray order.
        return [.. events.OrderByDescending(e => e.Time)];
    }

    internal static DateTimeOffset? ParseTime(Activity activity)
    {
        if (ParseLocal(activity.Date, activity.Time) is not DateTime local)
        {
            return null;
        }

        TimeSpan offset = TimeSpan.Zero;
        if (activity.GmtOffset is { Length: > 0 } text && TimeSpan.TryParse(text.TrimStart('+'), CultureInfo.InvariantCulture, out TimeSpan parsed))
        {
            offset = text.StartsWith('-') && parsed > TimeSpan.Zero ? -parsed : parsed;
        }
        else if (ParseLocal(activity.GmtDate, activity.GmtTime) is DateTime gmt)
        {
            offset = TimeSpan.FromMinutes(Math.Round((local - gmt).TotalMinutes / 15) * 15);
        }

        return CarrierTime.At(local, offset);
    }

    // Date YYYYMMDD and time HHMMSS; the spec's own gmtTime example has 5 digits ("74700"), so left-pad to 6 [S1].
    private static DateTime? ParseLocal(string? date, string? time)
    {
        if (date is not { Length: 8 } ||
            !DateTime.TryParseExact(date + (time ?? "000000").PadLeft(6, '0'), "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime value))
        {
            return null;
        }

        return value;
    }

    private static DateTimeOffset? Eta(Package package, TimeSpan offset)
    {
        DeliveryDate? scheduled = package.DeliveryDate?.FirstOrDefault(d => d.Type == "RDD") ?? package.DeliveryDate?.FirstOrDefault(d => d.Type == "SDD");
        string? time = package.DeliveryTime is { Type: not "DEL" } window ? window.EndTime : null;
        return ParseLocal(scheduled?.Date, time) is DateTime local ? CarrierTime.At(local, offset) : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
