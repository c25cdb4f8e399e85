using System.Security.Cryptography;
using System.Text;

namespace OrderTracking.Azure.Tests.Email;

/// <summary>
/// The ACS HMAC scheme written from the documentation, independently of the production policy
/// (learn.microsoft.com/azure/communication-services/tutorials/hmac-header-tutorial).
/// </summary>
internal static class AcsSignature
{
    public static string ExpectedAuthorization(string method, string pathAndQuery, string host, string date, string contentHash, string accessKey)
    {
        string stringToSign = method + "\n" + pathAndQuery + "\n" + date + ";" + host + ";" + contentHash;
        using var hmac = new HMACSHA256(Convert.FromBase64String(accessKey));
        string signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.ASCII.GetBytes(stringToSign)));
        return "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature;
    }

    public static bool IsValid(StubRequest request, string accessKey)
    {
        if (!request.Headers.TryGetValue("x-ms-date", out string? date) ||
            !request.Headers.TryGetValue("x-ms-content-sha256", out string? hash) ||
            !request.Headers.TryGetValue("Authorization", out string? authorization))
        {
            return false;
        }

        string actualHash = Convert.ToBase64String(SHA256.HashData(request.Body));
        return hash == actualHash &&
            authorization == ExpectedAuthorization(request.Method, request.PathAndQuery, request.Host, date, hash, accessKey);
    }
}
