using System.Text.Json.Serialization;

namespace OrderTracking.Carriers.Ups.Wire;

// UPS Track API v1 (Tracking.yaml [S1]; carriers.md §1.1, §3.1). Only the fields we read.

internal sealed record TrackApiResponse(TrackResponse? TrackResponse);

internal sealed record TrackResponse(IReadOnlyList<Shipment>? Shipment);

internal sealed record Shipment(string? InquiryNumber, IReadOnlyList<Package>? Package, IReadOnlyList<Warning>? Warnings);

internal sealed record Warning(string? Code, string? Message);

internal sealed record Package(
    string? TrackingNumber,
    Status? CurrentStatus,
    IReadOnlyList<Activity>? Activity,
    IReadOnlyList<DeliveryDate>? DeliveryDate,
    DeliveryTime? DeliveryTime);

internal sealed record Status(string? Type, string? Code, string? StatusCode, string? Description);

internal sealed record Activity(
    string? Date, string? Time, string? GmtDate, string? GmtTime, string? GmtOffset, Location? Location, Status? Status);

internal sealed record Location(Address? Address);

internal sealed record Address(string? City, string? StateProvince, string? CountryCode, string? Country);

internal sealed record DeliveryDate(string? Type, string? Date);

internal sealed record DeliveryTime(string? Type, string? StartTime, string? EndTime);

internal sealed record ErrorResponse(Response? Response);

internal sealed record Response(IReadOnlyList<Error>? Errors);

internal sealed record Error(string? Code, string? Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(TrackApiResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class UpsJsonContext : JsonSerializerContext;
