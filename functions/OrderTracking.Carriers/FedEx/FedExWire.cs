using System.Text.Json.Serialization;

namespace OrderTracking.Carriers.FedEx.Wire;

// FedEx Track API v1, POST /track/v1/trackingnumbers (track.json [S10]; carriers.md §1.2, §3.2). Only what we read.

internal sealed record TrackingNumbersRequest(bool IncludeDetailedScans, IReadOnlyList<TrackingInfo> TrackingInfo);

internal sealed record TrackingInfo(TrackingNumberInfo TrackingNumberInfo);

internal sealed record TrackingNumberInfo(string? TrackingNumber, string? CarrierCode = null, string? TrackingNumberUniqueId = null);

internal sealed record TrackingNumbersResponse(string? TransactionId, Output? Output);

internal sealed record Output(IReadOnlyList<CompleteTrackResult>? CompleteTrackResults);

internal sealed record CompleteTrackResult(string? TrackingNumber, IReadOnlyList<TrackResult>? TrackResults);

internal sealed record TrackResult(
    TrackingNumberInfo? TrackingNumberInfo,
    LatestStatusDetail? LatestStatusDetail,
    IReadOnlyList<DateAndTime>? DateAndTimes,
    IReadOnlyList<ScanEvent>? ScanEvents,
    Error? Error);

internal sealed record LatestStatusDetail(
    string? Code, string? DerivedCode, string? Description, IReadOnlyList<AncillaryDetail>? AncillaryDetails, DelayDetail? DelayDetail);

internal sealed record AncillaryDetail(string? Reason, string? ReasonDescription);

internal sealed record DelayDetail(string? Type, string? Status);

internal sealed record DateAndTime(string? Type, DateTimeOffset? DateTime);

internal sealed record ScanEvent(
    DateTimeOffset? Date, string? EventType, string? EventDescription, string? DerivedStatusCode, string? ExceptionCode, ScanLocation? ScanLocation);

internal sealed record ScanLocation(string? City, string? StateOrProvinceCode, string? CountryCode);

internal sealed record Error(string? Code, string? Message);

internal sealed record ErrorResponse(string? TransactionId, IReadOnlyList<Error>? Errors);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(TrackingNumbersRequest))]
[JsonSerializable(typeof(TrackingNumbersResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class FedExJsonContext : JsonSerializerContext;
