using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrderTracking.Commerce.PayPal;

/// <summary>
/// Downloads (https only, no redirects), validates and caches PayPal signing certificates by URL. Callers must already
/// have checked the URL with <see cref="PayPalCertificateUrl"/>; the check is repeated here so no other URL is requested.
/// </summary>
internal sealed class PayPalCertificateProvider : IPayPalCertificateSource
{
    private const int MaxCachedCertificates = 32;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptions<PayPalOptions> _options;
    private readonly PayPalCertificateValidator _validator;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, X509Certificate2> _cache = new(StringComparer.Ordinal);

    public PayPalCertificateProvider(IHttpClientFactory httpClientFactory, IOptions<PayPalOptions> options, PayPalCertificateValidator validator, TimeProvider timeProvider, ILogger<PayPalCertificateProvider> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _validator = validator;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<PayPalCertificateLookup> GetAsync(Uri certUrl, CancellationToken cancellationToken)
    {
        bool live = _options.Value.IsLive;
        if (!PayPalCertificateUrl.TryGetTrusted(certUrl.OriginalString, live, out Uri trusted))
        {
            return new PayPalCertificateLookup(WebhookVerificationResult.UntrustedCertificateUrl, null);
        }

        DateTimeOffset now = _timeProvider.GetUtcNow();
        string key = trusted.AbsoluteUri;
        if (_cache.TryGetValue(key, out X509Certificate2? cached))
        {
            if (now >= cached.NotBefore && now <= cached.NotAfter)
            {
                return new PayPalCertificateLookup(WebhookVerificationResult.Valid, cached);
            }

            _cache.TryRemove(key, out _);
        }

        string? pem = await FetchAsync(trusted, cancellationToken).ConfigureAwait(false);
        if (pem is null)
        {
            return new PayPalCertificateLookup(WebhookVerificationResult.VerificationUnavailable, null);
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException)
        {
            PayPalLog.CertificateRejected(_logger, trusted.Host);
            return new PayPalCertificateLookup(WebhookVerificationResult.CertificateInvalid, null);
        }

        if (certificates.Count == 0 || !_validator.IsValid(certificates[0], certificates, live, now))
        {
            PayPalLog.CertificateRejected(_logger, trusted.Host);
            return new PayPalCertificateLookup(WebhookVerificationResult.CertificateInvalid, null);
        }

        if (_cache.Count >= MaxCachedCertificates)
        {
            _cache.Clear();
        }

        _cache[key] = certificates[0];
        return new PayPalCertificateLookup(WebhookVerificationResult.Valid, certificates[0]);
    }

    private async Task<string?> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            HttpClient client = _httpClientFactory.CreateClient(PayPalHttp.CertificateClient);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                PayPalLog.CertificateFetchFailed(_logger, url.Host, $"HTTP {(int)response.StatusCode}");
                return null;
            }

            if (response.Content.Headers.ContentLength > PayPalHttp.MaxCertificateBytes)
            {
                PayPalLog.CertificateFetchFailed(_logger, url.Host, "response too large");
                return null;
            }

            using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[PayPalHttp.MaxCertificateBytes + 1];
            int total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            if (total > PayPalHttp.MaxCertificateBytes)
            {
                PayPalLog.CertificateFetchFailed(_logger, url.Host, "response too large");
                return null;
            }

            return System.Text.Encoding.ASCII.GetString(buffer, 0, total);
        }
        catch (HttpRequestException ex)
        {
            PayPalLog.CertificateFetchFailed(_logger, url.Host, ex.GetType().Name);
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            PayPalLog.CertificateFetchFailed(_logger, url.Host, "timeout");
            return null;
        }
    }
}
