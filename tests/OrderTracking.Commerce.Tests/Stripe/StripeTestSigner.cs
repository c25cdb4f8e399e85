using System.Security.Cryptography;
using System.Text;

namespace OrderTracking.Commerce.Tests.Stripe;

/// <summary>Signs a body the way Stripe does (reference §1.1), independently of the code under test.</summary>
internal static class StripeTestSigner
{
    public static string Signature(byte[] payload, string secret, long timestamp)
    {
        byte[] message = [.. Encoding.ASCII.GetBytes($"{timestamp}."), .. payload];
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    public static string Header(byte[] payload, string secret, long timestamp) =>
        $"t={timestamp},v1={Signature(payload, secret, timestamp)}";
}
