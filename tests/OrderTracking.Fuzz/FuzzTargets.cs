using System.Net;
using System.Text;
using System.Text.Json;
using OrderTracking.Carriers;
using OrderTracking.Carriers.Detection;
using OrderTracking.Carriers.Dhl;
using OrderTracking.Carriers.FedEx;
using OrderTracking.Carriers.Http;
using OrderTracking.Carriers.Ups;
using OrderTracking.Carriers.Usps;
using OrderTracking.Commerce.PayPal;
using OrderTracking.Commerce.Shopify;
using OrderTracking.Commerce.Stripe;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Security;

namespace OrderTracking.Fuzz;

/// <summary>
/// One entry per fuzzed parser or verifier. Each takes arbitrary bytes and must return normally: any exception is a
/// defect (the code under test documents the outcomes it reports instead of throwing). Inputs with two parts (a header
/// and a body) are split at the first newline.
/// </summary>
public static class FuzzTargets
{
    private static readonly string[] s_stripeSecrets = ["whsec_fuzz_secret"];
    private static readonly string[] s_shopifySecrets = ["fuzz-shopify-secret"];
    private static readonly string[] s_readKeys = ["fuzz-read-token-key-0123456789"];
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["stripe-parse"] = data => StripeEventParser.Parse(data),
        ["stripe-verify"] = data =>
        {
            (string header, byte[] body) = Split(data);
            StripeSignatureVerifier.Verify(body, header, s_stripeSecrets, s_now, StripeSignatureVerifier.DefaultTolerance);
        },
        ["shopify-parse"] = data =>
        {
            (string topic, byte[] body) = Split(data);
            ShopifyEventParser.Parse(topic, "fuzz", body);
        },
        ["shopify-verify"] = data =>
        {
            (string header, byte[] body) = Split(data);
            ShopifySignatureVerifier.Verify(body, header, s_shopifySecrets);
        },
        ["paypal-envelope"] = data =>
        {
            // The step of PayPalEventParser that runs on the body before any Orders API call.
            try
            {
                JsonSerializer.Deserialize(data, PayPalJsonContext.Default.PayPalEvent);
            }
            catch (JsonException)
            {
                // documented outcome: Malformed
            }
        },
        ["paypal-headers"] = data =>
        {
            (string certUrl, byte[] rest) = Split(data);
            PayPalCertificateUrl.TryGetTrusted(certUrl, live: false, out _);
            PayPalCertificateUrl.TryGetTrusted(certUrl, live: true, out _);
            PayPalSignature.TryDecode(Encoding.UTF8.GetString(rest), out _);
        },
        ["ups-map"] = data => UpsMapper.Map(Reply(data), new List<string>()),
        ["fedex-map"] = data =>
        {
            CarrierHttpReply reply = Reply(data);
            FedExMapper.Map(reply, ["794843185271", "123456789012"], new List<string>());
            FedExErrorParser.Parse(reply);
        },
        ["usps-map"] = data => UspsMapper.Map(Reply(data), new List<string>()),
        ["dhl-map"] = data => DhlMapper.Map(Reply(data), new List<string>()),
        ["tracking-number"] = data =>
        {
            string text = Encoding.UTF8.GetString(data);
            string normalized = CarrierResolver.NormalizeTrackingNumber(text);
            CarrierResolver.IsWellFormed(normalized);
            TrackingNumberDetector.Detect(normalized, []);
        },
        ["read-token"] = data =>
        {
            (string orderKey, byte[] token) = Split(data);
            OrderKey.IsValid(orderKey);
            ReadToken.Verify(s_readKeys, orderKey, Encoding.UTF8.GetString(token), s_now);
        },
    };

    /// <summary>Header text up to the first '\n', body bytes after it (all body when there is none).</summary>
    private static (string Header, byte[] Body) Split(byte[] data)
    {
        int newline = Array.IndexOf(data, (byte)'\n');
        return newline < 0 ? (string.Empty, data) : (Encoding.UTF8.GetString(data, 0, newline), data[(newline + 1)..]);
    }

    /// <summary>First byte picks the HTTP status the carrier answered (mostly 200), the rest is the body.</summary>
    private static CarrierHttpReply Reply(byte[] data)
    {
        HttpStatusCode[] statuses = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError, HttpStatusCode.OK];
        return data.Length == 0 ? new CarrierHttpReply(HttpStatusCode.OK, []) : new CarrierHttpReply(statuses[data[0] % statuses.Length], data[1..]);
    }
}
