namespace OrderTracking.Carriers.Sandbox;

/// <summary>Where a sandbox parcel starts, is sorted and ends (US cities; region = state code).</summary>
internal readonly record struct SandboxRoute(
    (string City, string Region) Origin,
    (string City, string Region) Hub,
    (string City, string Region) Destination);
