namespace OrderTracking.Functions.Registration;

/// <summary>Answer of <c>POST /api/shipments</c>: the order key and a read token for it.</summary>
internal sealed record RegisterShipmentsResponse(string OrderKey, string Token);
