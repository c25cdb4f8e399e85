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
/// 200 and the same order, so a retry makes no second tracker); for a capture known only by its transaction id (a
/// Shopify order paid with PayPal) the legacy v1 trackers API; and the cancellation of either. 400/404/422 (e.g.
/// <c>CAPTURE_STATUS_NOT_VALID</c>) are rejected with PayPal's issue; 401 renews the token once; 403, 429, 5xx and
/// network errors throw for the queue to retry.
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
        (HttpStatusCode status, string text) = await SendAsync(HttpMethod.Post, url, body, RequestId(orderId, captureId, trackingNumber, code), cancellationToken, representation: true).ConfigureAwait(false);
        return (int)status is >= 200 and < 300
            ? new PayPalTrackingResult(true, TrackerId(text, trackingNumber) ?? $"{captureId}-{trackingNumber}", null)
            : new PayPalTrackingResult(false, null, $"PayPal answered {(int)status}: {Issue(text)}");
    }

    /// <summary>
    /// Adds a tracker to a PayPal transaction known only by its id (a Shopify order paid with PayPal, reference §7.2,
    /// §13.1): <c>GET /v1/shipping/trackers/{transaction}-{number}</c> first (an existing tracker is the answer: check
    /// before create), then <c>POST /v1/shipping/trackers-batch</c> with status <c>SHIPPED</c>. An entry in the batch's
    /// <c>errors</c>, or 400/404/422, is a rejection with PayPal's message.
    /// </summary>
    public async Task<PayPalTrackingResult> AddLegacyTrackerAsync(string transactionId, string trackingNumber, string carrier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionId);
        string trackerId = $"{transactionId}-{trackingNumber}";
        if (await LegacyTrackerExistsAsync(trackerId, cancellationToken).ConfigureAwait(false))
        {
            return new PayPalTrackingResult(true, trackerId, null);
        }

        (string code, string? otherName) = CarrierCode(carrier);
        var tracker = new JsonObject
        {
            ["transaction_id"] = transactionId,
            ["tracking_number"] = trackingNumber,
            ["status"] = "SHIPPED",
            ["carrier"] = code,
        };
        if (otherName is not null)
        {
            tracker["carrier_name_other"] = otherName;
        }

        var body = new JsonObject { ["trackers"] = new JsonArray(tracker) };
        (HttpStatusCode status, string text) = await SendAsync(
            HttpMethod.Post, new Uri(_options.Value.ApiBaseUri, "v1/shipping/trackers-batch"), body, RequestId(transactionId, transactionId, trackingNumber, code), cancellationToken).ConfigureAwait(false);
        if (status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity)
        {
            return new PayPalTrackingResult(false, null, $"PayPal answered {(int)status}: {Issue(text)}");
        }

        JsonNode? answer = JsonNode.Parse(text);
        if ((answer?["errors"] as JsonArray)?.FirstOrDefault() is JsonNode error)
        {
            // Another attempt may have added it between our read and our write (PayPal's "already exists" code is not
            // documented): a tracker that is there now is the answer, whatever the batch said.
            return await LegacyTrackerExistsAsync(trackerId, cancellationToken).ConfigureAwait(false)
                ? new PayPalTrackingResult(true, trackerId, null)
                : new PayPalTrackingResult(false, null, "PayPal refused the tracker: " + Issue(error.ToJsonString()));
        }

        return new PayPalTrackingResult(true, trackerId, null);
    }

    private async Task<bool> LegacyTrackerExistsAsync(string trackerId, CancellationToken cancellationToken)
    {
        (HttpStatusCode status, _) = await SendAsync(
            HttpMethod.Get, new Uri(_options.Value.ApiBaseUri, "v1/shipping/trackers/" + Uri.EscapeDataString(trackerId)), null, null, cancellationToken).ConfigureAwait(false);
        return status == HttpStatusCode.OK;
    }

    /// <summary>
    /// Cancels the tracker of a captured PayPal order (a cancelled or replaced shipment, reference §7.1):
    /// <c>PATCH /v2/checkout/orders/{id}/trackers/{trackerId}</c> replacing <c>/status</c> with <c>CANCELLED</c>, the only
    /// status PayPal lets a v2 tracker move to. Setting it twice is harmless, so a retry needs no request id. 204 is done;
    /// 400/404/422 are rejected with PayPal's issue.
    /// </summary>
    public async Task<PayPalTrackingResult> CancelTrackerAsync(string orderId, string trackerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        ArgumentException.ThrowIfNullOrEmpty(trackerId);
        var patch = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/status", ["value"] = "CANCELLED" });
        var url = new Uri(_options.Value.ApiBaseUri, $"v2/checkout/orders/{Uri.EscapeDataString(orderId)}/trackers/{Uri.EscapeDataString(trackerId)}");
        (HttpStatusCode status, string text) = await SendAsync(HttpMethod.Patch, url, patch, null, cancellationToken).ConfigureAwait(false);
        return (int)status is >= 200 and < 300
            ? new PayPalTrackingResult(true, trackerId, null)
            : new PayPalTrackingResult(false, null, $"PayPal answered {(int)status}: {Issue(text)}");
    }

    /// <summary>
    /// Cancels a legacy tracker (reference §7.2): <c>PUT /v1/shipping/trackers/{transaction}-{number}</c> with status
    /// <c>CANCELLED</c> (204). Idempotent like the v2 cancel.
    /// </summary>
    public async Task<PayPalTrackingResult> CancelLegacyTrackerAsync(string transactionId, string trackingNumber, string carrier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionId);
        string trackerId = $"{transactionId}-{trackingNumber}";
        (string code, string? otherName) = CarrierCode(carrier);
        var tracker = new JsonObject
        {
            ["transaction_id"] = transactionId,
            ["tracking_number"] = trackingNumber,
            ["status"] = "CANCELLED",
            ["carrier"] = code,
        };
        if (otherName is not null)
        {
            tracker["carrier_name_other"] = otherName;
        }

        (HttpStatusCode status, string text) = await SendAsync(
            HttpMethod.Put, new Uri(_options.Value.ApiBaseUri, "v1/shipping/trackers/" + Uri.EscapeDataString(trackerId)), tracker, null, cancellationToken).ConfigureAwait(false);
        return (int)status is >= 200 and < 300
            ? new PayPalTrackingResult(true, trackerId, null)
            : new PayPalTrackingResult(false, null, $"PayPal answered {(int)status}: {Issue(text)}");
    }

    /// <summary>One call with the bearer token (renewed once on 401); 403, 429, 5xx throw; other statuses are returned.</summary>
    private async Task<(HttpStatusCode Status, string Body)> SendAsync(
        HttpMethod method, Uri url, JsonNode? body, string? requestId, CancellationToken cancellationToken, bool representation = false)
    {
        for (int attempt = 0; ; attempt++)
        {
            string token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, url);
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (requestId is not null)
            {
                request.Headers.Add("PayPal-Request-Id", requestId);
            }

            if (representation)
            {
                request.Headers.Add("Prefer", "return=representation");
            }

            using HttpResponseMessage response = await _httpClientFactory.CreateClient(PayPalHttp.ApiClient).SendAsync(request, cancellationToken).ConfigureAwait(false);
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                _tokens.Invalidate(token);
                continue;
            }

            if (response.IsSuccessStatusCode || response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity)
            {
                return (response.StatusCode, text);
            }

            PayPalLog.ApiCallFailed(_logger, url.AbsolutePath, (int)response.StatusCode);
            throw new HttpRequestException($"PayPal {url.AbsolutePath} failed with {(int)response.StatusCode}.", null, response.StatusCode);
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
