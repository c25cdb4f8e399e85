using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrderTracking.Commerce;
using OrderTracking.Commerce.PayPal;
using OrderTracking.Commerce.Shopify;
using OrderTracking.Commerce.Stripe;

namespace OrderTracking.Benchmarks.Commerce;

/// <summary>
/// Webhook verify + parse per platform on realistic fixtures (1–3 KiB bodies). PayPal uses the offline RSA path with
/// the certificate already cached (steady state; the first delivery per cert URL adds one HTTPS download + chain build).
/// Run: <c>dotnet run -c Release --project tests/OrderTracking.Benchmarks -- --filter '*CommerceWebhook*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class CommerceWebhookBenchmarks
{
    private const string StripeSecret = "whsec_benchmark_0123456789abcdef";
    private const string ShopifySecret = "shpss_benchmark_0123456789abcdef";
    private const string PayPalCertUrl = "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77";

    private byte[] _stripeBody = [];
    private string _stripeForged = string.Empty;
    private string _stripeHeader = string.Empty;
    private DateTimeOffset _now;
    private byte[] _shopifyBody = [];
    private string _shopifyHeader = string.Empty;
    private byte[] _paypalBody = [];
    private PayPalWebhookHeaders _paypalHeaders = null!;
    private PayPalWebhookVerifier _paypalVerifier = null!;
    private PayPalEventParser _paypalParser = null!;
    private X509Certificate2 _paypalCertificate = null!;

    [GlobalSetup]
    public void Setup()
    {
        _now = new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
        _stripeBody = CommerceFixtures.Bytes("stripe/charge-updated.json");
        long t = _now.ToUnixTimeSeconds();
        byte[] signed = [.. Encoding.ASCII.GetBytes($"{t}."), .. _stripeBody];
        _stripeHeader = $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(StripeSecret), signed))}";
        _stripeForged = $"t={t},v1={new string('0', 64)}";

        _shopifyBody = CommerceFixtures.Bytes("shopify/fulfillments-update.json");
        _shopifyHeader = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ShopifySecret), _shopifyBody));

        _paypalBody = CommerceFixtures.Bytes("paypal/checkout-order-approved.json");
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=messageverificationcerts.sandbox.paypal.com", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        _paypalCertificate = request.CreateSelfSigned(_now.AddDays(-1), _now.AddDays(30));
        string signString = $"tx-1|2026-11-22T05:59:58Z|WH-BENCH|{CrcOf(_paypalBody)}";
        string signature = Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(signString), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        _paypalHeaders = new PayPalWebhookHeaders("tx-1", "2026-11-22T05:59:58Z", signature, PayPalCertUrl, "SHA256withRSA");
        IOptions<PayPalOptions> options = Options.Create(new PayPalOptions { WebhookId = "WH-BENCH" });
        _paypalVerifier = new PayPalWebhookVerifier(options, new CachedCertificateSource(_paypalCertificate), null, NullLogger<PayPalWebhookVerifier>.Instance);
        var tokens = new PayPalAccessTokenProvider(new NoHttpClientFactory(), options, TimeProvider.System, NullLogger<PayPalAccessTokenProvider>.Instance);
        _paypalParser = new PayPalEventParser(new PayPalOrdersClient(new NoHttpClientFactory(), options, tokens, NullLogger<PayPalOrdersClient>.Instance));

        if (Stripe() != WebhookParseOutcome.Parsed || Shopify() != WebhookParseOutcome.Parsed || PayPal().GetAwaiter().GetResult() != WebhookParseOutcome.Parsed)
        {
            throw new InvalidOperationException("Benchmark inputs must verify and parse.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _paypalCertificate.Dispose();

    [Benchmark]
    public WebhookVerificationResult StripeVerify() => StripeSignatureVerifier.Verify(_stripeBody, _stripeHeader, [StripeSecret], _now);

    /// <summary>Stripe.net 53.1.0 on the same request: the body as a string (it verifies text), one secret, no rotation.</summary>
    [Benchmark]
    public bool StripeVerifyStripeNet()
    {
        global::Stripe.EventUtility.ValidateSignature(Encoding.UTF8.GetString(_stripeBody), _stripeHeader, StripeSecret, 300, _now.ToUnixTimeSeconds());
        return true;
    }

    /// <summary>The reject path (a forged signature), ours: a result value.</summary>
    [Benchmark]
    public WebhookVerificationResult StripeRejectOurs() => StripeSignatureVerifier.Verify(_stripeBody, _stripeForged, [StripeSecret], _now);

    /// <summary>The reject path with Stripe.net: it throws <c>StripeException</c>.</summary>
    [Benchmark]
    public bool StripeRejectStripeNet()
    {
        try
        {
            global::Stripe.EventUtility.ValidateSignature(Encoding.UTF8.GetString(_stripeBody), _stripeForged, StripeSecret, 300, _now.ToUnixTimeSeconds());
            return true;
        }
        catch (global::Stripe.StripeException)
        {
            return false;
        }
    }

    [Benchmark]
    public WebhookParseOutcome StripeParse() => StripeEventParser.Parse(_stripeBody).Outcome;

    [Benchmark]
    public WebhookParseOutcome Stripe() =>
        StripeSignatureVerifier.Verify(_stripeBody, _stripeHeader, [StripeSecret], _now) == WebhookVerificationResult.Valid
            ? StripeEventParser.Parse(_stripeBody).Outcome
            : WebhookParseOutcome.Malformed;

    [Benchmark]
    public WebhookVerificationResult ShopifyVerify() => ShopifySignatureVerifier.Verify(_shopifyBody, _shopifyHeader, [ShopifySecret]);

    [Benchmark]
    public WebhookParseOutcome ShopifyParse() => ShopifyEventParser.Parse("fulfillments/update", "wh-1", _shopifyBody).Outcome;

    [Benchmark]
    public WebhookParseOutcome Shopify() =>
        ShopifySignatureVerifier.Verify(_shopifyBody, _shopifyHeader, [ShopifySecret]) == WebhookVerificationResult.Valid
            ? ShopifyEventParser.Parse("fulfillments/update", "wh-1", _shopifyBody).Outcome
            : WebhookParseOutcome.Malformed;

    [Benchmark]
    public Task<WebhookVerificationResult> PayPalVerify() => _paypalVerifier.VerifyAsync(_paypalHeaders, _paypalBody, CancellationToken.None);

    [Benchmark]
    public async Task<WebhookParseOutcome> PayPalParse() => (await _paypalParser.ParseAsync(_paypalBody, CancellationToken.None)).Outcome;

    [Benchmark]
    public async Task<WebhookParseOutcome> PayPal() =>
        await _paypalVerifier.VerifyAsync(_paypalHeaders, _paypalBody, CancellationToken.None) == WebhookVerificationResult.Valid
            ? (await _paypalParser.ParseAsync(_paypalBody, CancellationToken.None)).Outcome
            : WebhookParseOutcome.Malformed;

    private static uint CrcOf(byte[] data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
