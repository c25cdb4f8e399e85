using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderTracking.Azure.Email;

/// <summary>
/// ACS access-key authentication: signs every attempt (a per-retry policy, so the date is fresh) as ACS documents it
/// (learn.microsoft.com/azure/communication-services/tutorials/hmac-header-tutorial; same scheme as
/// Azure.Communication.Common's HMACAuthenticationPolicy):
/// <c>x-ms-date</c> = RFC 1123 date, <c>x-ms-content-sha256</c> = base64 SHA-256 of the body, string-to-sign
/// <c>VERB\npathAndQuery\n{x-ms-date};{host[:port]};{content-hash}</c>, HMAC-SHA256 with the base64-decoded key,
/// <c>Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature={base64}</c>.
/// </summary>
internal sealed class AcsHmacAuthenticationPolicy : HttpPipelinePolicy
{
    private readonly byte[] _key;
    private readonly TimeProvider _timeProvider;

    public AcsHmacAuthenticationPolicy(string accessKey, TimeProvider timeProvider)
    {
        _key = Convert.FromBase64String(accessKey);
        _timeProvider = timeProvider;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Sign(message, ContentHash(message));
        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        using var body = new MemoryStream();
        if (message.Request.Content is { } content)
        {
            await content.WriteToAsync(body, message.CancellationToken).ConfigureAwait(false);
        }

        Sign(message, Convert.ToBase64String(SHA256.HashData(body.ToArray())));
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    /// <summary>The <c>Authorization</c> value for the given parts (exposed for tests of the string-to-sign).</summary>
    internal string Authorization(string method, Uri uri, string date, string contentHash)
    {
        string stringToSign = $"{method}\n{uri.PathAndQuery}\n{date};{uri.Authority};{contentHash}";
        string signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(stringToSign)));
        return $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}";
    }

    private static string ContentHash(HttpMessage message)
    {
        using var body = new MemoryStream();
        message.Request.Content?.WriteTo(body, message.CancellationToken);
        return Convert.ToBase64String(SHA256.HashData(body.ToArray()));
    }

    private void Sign(HttpMessage message, string contentHash)
    {
        string date = _timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        Request request = message.Request;
        request.Headers.SetValue("x-ms-date", date);
        request.Headers.SetValue("x-ms-content-sha256", contentHash);
        request.Headers.SetValue(HttpHeader.Names.Authorization, Authorization(request.Method.Method, request.Uri.ToUri(), date, contentHash));
    }
}
