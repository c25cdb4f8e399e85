using Azure.Core;
using Azure.Identity;

namespace OrderTracking.Functions.Hosting;

/// <summary>
/// How the Azure Monitor exporter authenticates. The Bicep template disables Application Insights' local
/// (instrumentation-key) auth and sets <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> to
/// <c>ClientId={id};Authorization=AAD</c>, the Functions host's own format: the app's exporter then uses the same
/// user-assigned managed identity (Monitoring Metrics Publisher). Without that setting it sends with the key in the
/// connection string.
/// </summary>
internal static class TelemetryExport
{
    /// <summary>The credential for <paramref name="authenticationString"/>, or null to send with the connection string's key.</summary>
    public static TokenCredential? Credential(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        Dictionary<string, string> parts = authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out string? mode) || !mode.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new ManagedIdentityCredential(parts.TryGetValue("ClientId", out string? clientId) && clientId.Length > 0
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned);
    }
}
