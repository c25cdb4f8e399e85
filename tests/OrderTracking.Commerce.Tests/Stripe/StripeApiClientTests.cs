using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderTracking.Commerce.Stripe;
using StripeNet = global::Stripe;

namespace OrderTracking.Commerce.Tests.Stripe;

/// <summary>The registered Stripe.net client, against a stub of Stripe's REST API (form-encoded requests, JSON answers).</summary>
public sealed class StripeApiClientTests
{
    private const string Key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
    private const string PaymentIntentJson = """
        {"id":"pi_3MtwBwLkdIwHu7ix28a3tqPa","object":"payment_intent","amount":2000,"currency":"usd","status":"succeeded",
         "shipping":{"name":"Ana","carrier":"UPS","tracking_number":"1Z999AA10123456784","address":{"city":"Berlin","country":"DE"}}}
        """;

    [Fact]
    public async Task Get_GoesToTheConfiguredBase_WithTheKeyAsBearerAndAPinnedApiVersion()
    {
        var stub = new StripeStub(_ => (HttpStatusCode.OK, PaymentIntentJson));
        using ServiceProvider provider = Build(stub, new() { ["Stripe:ApiKey"] = Key, ["Stripe:BaseUrl"] = "http://stripe-stub.test/" });

        StripeNet.PaymentIntent intent = await new StripeNet.PaymentIntentService(provider.GetRequiredService<StripeNet.IStripeClient>())
            .GetAsync("pi_3MtwBwLkdIwHu7ix28a3tqPa");

        Assert.Equal("1Z999AA10123456784", intent.Shipping.TrackingNumber);
        StubRequest request = Assert.Single(stub.Requests);
        Assert.Equal("http://stripe-stub.test/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + Key, request.Headers["Authorization"]);
        Assert.Equal(StripeNet.StripeConfiguration.ApiVersion, request.Headers["Stripe-Version"]);
        Assert.Contains("OrderTracking", request.Headers["X-Stripe-Client-User-Agent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_SendsShippingFormFields_WithAnIdempotencyKey()
    {
        var stub = new StripeStub(_ => (HttpStatusCode.OK, PaymentIntentJson));
        using ServiceProvider provider = Build(stub, new() { ["Stripe:ApiKey"] = Key, ["Stripe:BaseUrl"] = "http://stripe-stub.test" });

        await new StripeNet.PaymentIntentService(provider.GetRequiredService<StripeNet.IStripeClient>()).UpdateAsync(
            "pi_3MtwBwLkdIwHu7ix28a3tqPa",
            new StripeNet.PaymentIntentUpdateOptions
            {
                Shipping = new StripeNet.ChargeShippingOptions
                {
                    Name = "Ana",
                    Carrier = "UPS",
                    TrackingNumber = "1Z999AA10123456784",
                    Address = new StripeNet.AddressOptions { City = "Berlin", Country = "DE" },
                },
            });

        StubRequest request = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        string form = Uri.UnescapeDataString(request.Body);
        Assert.Contains("shipping[carrier]=UPS", form, StringComparison.Ordinal);
        Assert.Contains("shipping[tracking_number]=1Z999AA10123456784", form, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(request.Headers.GetValueOrDefault("Idempotency-Key")));
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("pk_test_123", "starts with 'pk_'")]
    [InlineData("whsec_abcdef", "starts with 'whs'")]
    public void Resolve_WithoutAUsableKey_FailsNamingTheSettingNotTheKey(string? key, string expected)
    {
        using ServiceProvider provider = Build(new StripeStub(_ => (HttpStatusCode.OK, "{}")), new() { ["Stripe:ApiKey"] = key });

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<StripeNet.IStripeClient>());

        Assert.Contains("Stripe:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsConfigured_OnlyWithAKey()
    {
        Assert.False(StripeApiClientFactory.IsConfigured(new StripeOptions()));
        Assert.True(StripeApiClientFactory.IsConfigured(new StripeOptions { ApiKey = Key }));
    }

    private static ServiceProvider Build(StripeStub stub, Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddCommerce(configuration);
        services.AddHttpClient(StripeApiClientFactory.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => stub);
        return services.BuildServiceProvider();
    }

    private sealed record StubRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string Body);

    private sealed class StripeStub(Func<StubRequest, (HttpStatusCode Status, string Json)> respond) : HttpMessageHandler
    {
        public List<StubRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            var recorded = new StubRequest(request.Method, request.RequestUri!, headers, body);
            Requests.Add(recorded);
            (HttpStatusCode status, string json) = respond(recorded);
            return new HttpResponseMessage(status)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
                Headers = { { "Request-Id", "req_" + Requests.Count } },
            };
        }
    }
}
