using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Webhooks;

/// <summary>
/// The function app with all three platforms configured: PayPal in <c>api</c> verification mode against
/// <see cref="PayPalApiStub"/>, and Stripe/Shopify with two comma-separated secrets (rotation: the second one is the
/// fixture's usual secret, so the shared helpers sign with it).
/// </summary>
public sealed class CommerceFixture : FunctionAppFixture, IAsyncLifetime
{
    public const string OldStripeSecret = "whsec_rotated_out_soon";
    public const string OldShopifySecret = "shopify-secret-before-rotation";

    private PayPalApiStub? _payPal;

    internal PayPalApiStub PayPal => _payPal ?? throw new InvalidOperationException("not started");

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Stripe:WebhookSecrets"] = $"{OldStripeSecret},{StripeSecret}",
        ["Shopify:WebhookSecrets"] = $"{OldShopifySecret},{ShopifySecret}",
        ["PayPal:WebhookId"] = PayPalApiStub.WebhookId,
        ["PayPal:ClientId"] = PayPalApiStub.ClientId,
        ["PayPal:ClientSecret"] = PayPalApiStub.ClientSecret,
        ["PayPal:VerificationMode"] = "api",
        ["PayPal:Environment"] = "sandbox",
        ["PayPal:BaseUrl"] = PayPal.BaseAddress.AbsoluteUri,
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        _payPal = await PayPalApiStub.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_payPal is not null)
        {
            await _payPal.DisposeAsync();
        }
    }
}
