namespace OrderTracking.Functions.Webhooks;

/// <summary>
/// Webhook secrets from configuration (DESIGN §10): comma-separated lists so keys can rotate. An empty list makes
/// every webhook of that source fail closed (401).
/// </summary>
internal sealed class WebhookSecrets(IConfiguration configuration)
{
    public IReadOnlyList<string> Stripe => Split(configuration["Stripe:WebhookSecrets"]);

    public IReadOnlyList<string> Shopify => Split(configuration["Shopify:WebhookSecrets"]);

    private static string[] Split(string? value) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
