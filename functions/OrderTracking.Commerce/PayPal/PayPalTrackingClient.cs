using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrderTracking.Commerce.PayPal;

/// <summary>The outcome of adding a tracker: done (with PayPal's tracker id), or rejected for good (with PayPal's issue).</summary>
public sealed record PayPalTrackingResult(bool Done, string? TrackerId, string? Error);

/// <summary>
/// Adds tracking to a captured PayPal order (reference §7.1): <c>POST /v2/checkout/orders/{id}/track</c> with the capture
/// id, number and PayPal's carrier code, under a deterministic <c>PayPal-Request-Id</c> (PayPal answers a repeat with
/// 200 and the same order, so a retry makes no second tracker). 400/404/422 (e.g. <c>CAPTURE_STATUS_NOT_VALID</c>) are
/// rejected with PayPal's issue; 401 renews the token once; 403, 429, 5xx and network errors throw for the queue to retry.
/// </summary>
public sealed class PayPalTrackingClient
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptions<PayPalOptions> _options;
    private readonly PayPalAccessTokenProvider _tokens;
    private readonly ILogger _logger;

    internal PayPalTrackingClient(IHttpClientFactory httpClientFactory, IOptions<PayPalOptions> options, PayPalAccessTokenProvider tokens, ILogger<PayPalTrackingClient> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _tokens = tokens;
        _logger = logger;
    }

    /// <summary>True when PayPal API credentials are configured (write-back to PayPal is on).</summary>
    public static bool IsConfigured(PayPalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !string.IsNullOrWhiteSpace(options.ClientId) && !string.IsNullOrWhiteSpace(options.ClientSecret);
    }

    /// <summary>PayPal's carrier enum value for our carrier code (<c>OTHER</c> + name for the rest).</summary>
    public static (string Carrier, string? OtherName) CarrierCode(string carrier) => carrier switch
    {
        "ups" => ("UPS", null),
        "fedex" => ("FEDEX", null),
        "usps" => ("USPS", null),
        "dhl" => ("DHL", null),
        _ => ("OTHER", carrier),
    };

    /// <summary><c>ot-trk-{orderId}-{hash}</c>: the same order, capture, number and carrier always give the same id.</summary>
    public static string RequestId(string orderId, string captureId, string trackingNumber, string carrier)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{captureId}\n{trackingNumber}\n{carrier}"));
        return $"ot-trk-{orderId}-{Convert.ToHexStringLower(hash.AsSpan(0, 12))}";
    }

    /// <summary>Adds (or finds added) the tracker.</summary>
    public async Task<PayPalTrackingResult> AddTrackerAsync(string orderId, string captureId, string trackingNumber, string carrier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        ArgumentException.ThrowIfNullOrEmpty(captureId);
        (string code, string? otherName) = CarrierCode(carrier);
        var body = new JsonObject
        {
            ["capture_id"] = captureId,
            ["tracking_number"] = trackingNumber,
            ["carrier"] = code,
            ["notify_payer"] = false,
        };
        if (otherName is not null)
        {
            body["carrier_name_other"] = otherName;
        }

        var url = new Uri(_options.Value.ApiBaseUri, $"v2/checkout/orders/{Uri.EscapeDataString(orderId)}/track");
        for (int attempt = 0; ; attempt++)
        {
            string token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("PayPal-Request-Id", RequestId(orderId, captureId, trackingNumber, code));
            request.Headers.Add("Prefer", "return=representation");
            using HttpResponseMessage response = await _httpClientFactory.CreateClient(PayPalHttp.ApiClient).SendAsync(request, cancellationToken).ConfigureAwait(false);
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                _tokens.Invalidate(token);
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return new PayPalTrackingResult(true, TrackerId(text, trackingNumber) ?? $"{captureId}-{trackingNumber}", null);
            }

            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity)
            {
                return new PayPalTrackingResult(false, null, $"PayPal answered {(int)response.StatusCode}: {Issue(text)}");
            }

            PayPalLog.ApiCallFailed(_logger, "orders/track", (int)response.StatusCode);
            throw new HttpRequestException($"PayPal add-tracking failed with {(int)response.StatusCode}.", null, response.StatusCode);
        }
    }

    /// <summary>The tracker for the number under <c>purchase_units[].shipping.trackers[]</c> (ids are <c>{capture}-{number}</c>).</summary>
    private static string? TrackerId(string orderJson, string trackingNumber)
    {
        try
        {
            JsonNode? order = JsonNode.Parse(orderJson);
            IEnumerable<string?> ids = (order?["purchase_units"] as JsonArray ?? [])
                .SelectMany(u => u?["shipping"]?["trackers"] as JsonArray ?? [])
                .Select(t => (string?)t?["id"]);
            return ids.LastOrDefault(id => id?.EndsWith("-" + trackingNumber, StringComparison.Ordinal) == true);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><c>ISSUE: description</c> from PayPal's error body, or its name; never the request.</summary>
    private static string Issue(string errorJson)
    {
        try
        {
            JsonNode? error = JsonNode.Parse(errorJson);
            JsonNode? detail = (error?["details"] as JsonArray)?.FirstOrDefault();
            string? issue = (string?)detail?["issue"] ?? (string?)error?["name"];
            string? description = (string?)detail?["description"] ?? (string?)error?["message"];
            return issue is null ? "no error details" : description is null ? issue : $"{issue}: {description}";
        }
        catch (JsonException)
        {
            return "no error details";
        }
    }
}
