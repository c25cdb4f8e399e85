using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Security;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Tracking;

/// <summary>
/// <c>TrackingApi</c>: <c>GET /api/tracking/{orderKey}?token=…</c> (DESIGN §9, contract). Unknown order and bad
/// token answer the same 404, so the API is no oracle for order keys. <c>ETag</c> + <c>304</c>,
/// <c>Cache-Control: private, max-age=60</c>, CORS from <c>Tracking:AllowedOrigins</c>.
/// </summary>
internal static class TrackingApiEndpoints
{
    public const string FunctionName = "TrackingApi";

    internal static IResult Preflight(HttpContext http, IOptions<TrackingOptions> options)
    {
        Cors.Apply(http, options.Value, preflight: true);
        return Results.NoContent();
    }

    internal static async Task<IResult> GetAsync(
        string orderKey, string? token, HttpContext http, OrderStore orders, OrderArchiveStore archive, StorageContext storage,
        IOptions<TrackingOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        TrackingOptions settings = options.Value;
        Cors.Apply(http, settings, preflight: false);
        if (!OrderKey.IsValid(orderKey) || !ReadToken.Verify(settings.ReadTokenKeys, orderKey, token, time.GetUtcNow()))
        {
            return NotFound();
        }

        await storage.EnsureCreatedAsync(cancellationToken);
        (OrderRecord? order, IReadOnlyList<ShipmentRecord> shipments) = await orders.GetOrderAndShipmentsAsync(orderKey, cancellationToken);
        byte[] json;
        if (order is null && shipments.Count == 0)
        {
            // Not in the working tables: an order archived after its retention still answers, from its final state.
            if (await archive.GetResponseJsonAsync(orderKey, cancellationToken) is not { } archived)
            {
                return NotFound();
            }

            json = System.Text.Encoding.UTF8.GetBytes(archived);
        }
        else
        {
            json = JsonSerializer.SerializeToUtf8Bytes(TrackingResponse.For(orderKey, order, shipments), Json.Options);
        }

        string etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(json).AsSpan(0, 12))}\"";
        http.Response.Headers.CacheControl = "private, max-age=60";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(json, "application/json");
    }

    private static IResult NotFound() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No tracking for this order and token.");
}
