using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Sync;

/// <summary>The function app with Stripe write-back on, against <see cref="StripeApiStub"/>.</summary>
public sealed class StripeWriteBackFixture : FunctionAppFixture, IAsyncLifetime
{
    private StripeApiStub? _stripe;

    internal StripeApiStub Stripe => _stripe ?? throw new InvalidOperationException("not started");

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Stripe:ApiKey"] = StripeApiStub.ApiKey,
        ["Stripe:BaseUrl"] = Stripe.BaseAddress.AbsoluteUri,
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        _stripe = await StripeApiStub.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_stripe is not null)
        {
            await _stripe.DisposeAsync();
        }
    }
}
