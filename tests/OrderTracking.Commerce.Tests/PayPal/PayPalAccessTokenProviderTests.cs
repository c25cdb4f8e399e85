using System.Net;
using System.Text;

namespace OrderTracking.Commerce.Tests.PayPal;

public sealed class PayPalAccessTokenProviderTests
{
    [Fact]
    public async Task GetTokenAsync_FirstCall_ClientCredentialsWithBasicAuthAndFormBody()
    {
        var stub = new PayPalApiStub();

        string token = await stub.CreateTokens().GetTokenAsync(default);

        Assert.Equal("token-1", token);
        RecordedRequest request = Assert.Single(stub.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("http://paypal-stub.test/v1/oauth2/token"), request.Uri);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-id:client-secret")), request.Authorization);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("grant_type=client_credentials", request.Body);
    }

    [Fact]
    public async Task GetTokenAsync_BeforeExpiry_CachedNoSecondRequest()
    {
        var stub = new PayPalApiStub();
        var tokens = stub.CreateTokens();

        await tokens.GetTokenAsync(default);
        stub.Time.Advance(TimeSpan.FromSeconds(32400) - TimeSpan.FromSeconds(61));
        string again = await tokens.GetTokenAsync(default);

        Assert.Equal("token-1", again);
        Assert.Equal(1, stub.TokensIssued);
    }

    [Fact]
    public async Task GetTokenAsync_NearExpiry_Renewed()
    {
        var stub = new PayPalApiStub();
        var tokens = stub.CreateTokens();

        await tokens.GetTokenAsync(default);
        stub.Time.Advance(TimeSpan.FromSeconds(32400) - TimeSpan.FromSeconds(59));

        Assert.Equal("token-2", await tokens.GetTokenAsync(default));
    }

    [Fact]
    public async Task GetTokenAsync_ConcurrentCallers_OneRequest()
    {
        var stub = new PayPalApiStub();
        var tokens = stub.CreateTokens();

        string[] all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => tokens.GetTokenAsync(default)));

        Assert.All(all, t => Assert.Equal("token-1", t));
        Assert.Equal(1, stub.TokensIssued);
    }

    [Fact]
    public async Task Invalidate_CurrentToken_NextCallFetchesNew()
    {
        var stub = new PayPalApiStub();
        var tokens = stub.CreateTokens();

        tokens.Invalidate(await tokens.GetTokenAsync(default));

        Assert.Equal("token-2", await tokens.GetTokenAsync(default));
    }

    [Fact]
    public async Task GetTokenAsync_Refused_ThrowsHttpRequestException()
    {
        var stub = new PayPalApiStub();
        stub.Handler.Responder = _ => StubHttpHandler.Json("""{"error":"invalid_client"}""", HttpStatusCode.Unauthorized);

        HttpRequestException ex = await Assert.ThrowsAsync<HttpRequestException>(() => stub.CreateTokens().GetTokenAsync(default));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.DoesNotContain("client-secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_NoCredentials_ThrowsWithoutRequest()
    {
        var stub = new PayPalApiStub();
        stub.Options.ClientSecret = null;

        await Assert.ThrowsAsync<InvalidOperationException>(() => stub.CreateTokens().GetTokenAsync(default));
        Assert.Empty(stub.Handler.Requests);
    }
}
