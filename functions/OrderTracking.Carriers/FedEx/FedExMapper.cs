using OrderTracking.Carriers.FedEx.Wire;
using OrderTracking.Carriers.Http;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.FedEx;

/// <summary>FedEx Track reply → one result per requested number (pure; carriers.md §1.2, §3.2).</summary>
internal static class FedExMapper
{
    public const string NotFoundCode = "TRACKING.TRACKINGNUMBER.NOTFOUND";

    public static Dictionary<string, CarrierTrackingResult> Map(CarrierHttpReply reply, IReadOnlyList<string> numbers, ICollection<string> unknownCodes)
    {
        var results = new Dictionary<string, CarrierTrackingResult>(numbers.Count, StringComparer.Ordinal);
        CarrierTrackingResult? whole = null;
        if ((int)reply.Status is < 200 or > 299)
        {
            whole = FedExErrorParser.Parse(reply);
        }
        else if (CarrierJson.TryParse(reply.Body, FedExJsonContext.Default.TrackingNumbersResponse, out TrackingNumbersResponse? body, out whole))
        {
            foreach (CompleteTrackResult complete in body!.Output?.CompleteTrackResults ?? [])
            {
                // Duplicate numbers come back as several trackResults; the first (most recent shipment) wins [S10].
                TrackResult? first = complete.TrackResults is [var head, ..] ? head : null;
                string? number = complete.TrackingNumber ?? first?.TrackingNumberInfo?.TrackingNumber;
                if (number is not null && first is not null)
                {
                    results.TryAdd(CarrierResolver.NormalizeTrackingNumber(number), MapOne(first, unknownCodes));
                }
            }
        }

        foreach (string number in numbers)
        {
            results.TryAdd(number, whole ?? CarrierTrackingResult.Failed("number missing from FedEx response"));
        }

        return results;
    }

    private static CarrierTrackingResult MapOne(TrackResult result, ICollection<string> unknownCodes)
    {
        if (result.Error is { } error)
        {
            return error.Code == NotFoundCode ? CarrierTrackingResult.NotFound() : CarrierTrackingResult.Failed($"FedEx {error.Code}");
        }

        var events = new List<TrackingEvent>(result.ScanEvents?.Count ?? 0);
        foreach (ScanEvent scan in result.ScanEvents ?? [])
        {
            if (scan.Date is not DateTimeOffset time)
            {
                continue;
            }

            MappedStatus mapped = FedExStatusMap.Map(scan.EventType, scan.ExceptionCode, scan.EventDescription);
            if (!mapped.IsKnown)
            {
                unknownCodes.Add(scan.EventType ?? "(none)");
            }

            events.Add(new TrackingEvent(time, mapped.Status, scan.EventDescription ?? string.Empty, Blank(scan.ScanLocation?.City),
                Blank(scan.ScanLocation?.StateOrProvinceCode), Blank(scan.ScanLocation?.CountryCode), scan.EventType));
        }

        // FedEx does not promise an order: newest first by timestamp (carriers.md §2).
        TrackingEvent[] ordered = [.. events.OrderByDescending(e => e.Time)];
        LatestStatusDetail? latest = result.LatestStatusDetail;
        string? exceptionCode = latest?.AncillaryDetails is [var ancillary, ..] ? ancillary.Reason : null;
        exceptionCode = result.ScanEvents?.FirstOrDefault(e => e.ExceptionCode is not null)?.ExceptionCode ?? exceptionCode;
        MappedStatus current = FedExStatusMap.Map(latest?.DerivedCode ?? latest?.Code, exceptionCode, latest?.Description);
        if (!current.IsKnown)
        {
            unknownCodes.Add(latest?.DerivedCode ?? latest?.Code ?? "(none)");
        }

        bool delayed = current.Delayed || string.Equals(latest?.DelayDetail?.Status, "DELAYED", StringComparison.OrdinalIgnoreCase);
        string? reason = current.Reason ?? (delayed && latest?.DelayDetail?.Type == "WEATHER" ? TrackingReason.WeatherDelay : null);
        DateTimeOffset? eta = current.Status.IsTerminal()
            ? null
            : result.DateAndTimes?.FirstOrDefault(d => d.Type == "ESTIMATED_DELIVERY")?.DateTime;
        return CarrierTrackingResult.Found(current.Status, ordered, eta, reason, delayed);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
