using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrderTracking.Core.Carriers;

namespace OrderTracking.Carriers.Http;

/// <summary>
/// Sends a carrier request with a cached OAuth bearer token; a 401 invalidates the token and retries once with a
/// fresh one (issue 5: "a 401 refreshes the token once"). Token requests go through the same limiter (USPS counts them).
/// </summary>
internal sealed class AuthorizedSender(
    CarrierHttpExecutor executor, OAuthTokenCache tokenCache, Func<HttpRequestMessage> createTokenRequest, ILogger logger)
{
    public CarrierHttpExecutor Executor => executor;

    public async Task<HttpResponseMessage> SendAsync(
        HttpClient client, Func<string, HttpRequestMessage> createRequest, bool idempotent, CancellationToken cancellationToken)
    {
        string token = await tokenCache.GetAsync(ct => FetchTokenAsync(client, ct), cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response = await executor.SendAsync(client, () => createRequest(token), idempotent, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        CarrierLog.TokenRejected(logger, executor.Carrier);
        tokenCache.Invalidate(token);
        token = await tokenCache.GetAsync(ct => FetchTokenAsync(client, ct), cancellationToken).ConfigureAwait(false);
        response = await executor.SendAsync(client, () => createRequest(token), idempotent, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw new CarrierCallException(CarrierTrackingResult.Failed("unauthorized after token refresh"));
        }

        return response;
    }

    private async Task<OAuthToken> FetchTokenAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await executor.SendAsync(client, createTokenRequest, idempotent: false, cancellationToken, permitted: false)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new CarrierCallException(CarrierTrackingResult.Failed($"token request: HTTP {(int)response.StatusCode}"));
        }

        try
        {
            await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            OAuthTokenResponse? token = await JsonSerializer.DeserializeAsync(body, OAuthJsonContext.Default.OAuthTokenResponse, cancellationToken)
                .ConfigureAwait(false);
            if (string.IsNullOrEmpty(token?.AccessToken))
            {
                throw new CarrierCallException(CarrierTrackingResult.Failed("token response without access_token"));
            }

            // No expires_in: assume FedEx's documented hour (carriers.md §1.2) rather than caching forever.
            return new OAuthToken(token.AccessToken, TimeSpan.FromSeconds(token.ExpiresIn is > 0 ? token.ExpiresIn.Value : 3600));
        }
        catch (JsonException)
        {
            throw new CarrierCallException(CarrierTrackingResult.Failed("malformed token response"));
        }
    }
}
