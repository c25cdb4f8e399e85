using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrderTracking.Commerce.Shopify;

/// <summary>A GraphQL answer: its <c>data</c>, or the first error's message, and the points it cost.</summary>
public sealed record ShopifyGraphQlResult(JsonNode? Data, string? Error, double? ActualCost);

/// <summary>
/// Shopify's GraphQL Admin API (reference §9.4, §9.6): <c>POST {base}/admin/api/{version}/graphql.json</c> with
/// <c>X-Shopify-Access-Token</c>. The bucket is cost-based: a <c>THROTTLED</c> answer waits what
/// <c>extensions.cost.throttleStatus</c> says the bucket needs to refill (<c>(requested − available) / restoreRate</c>,
/// at most 10 s) and tries again, three times, then throws for the queue to retry later. 401/403/429/5xx and
/// network errors throw; other GraphQL errors are returned.
/// </summary>
public sealed partial class ShopifyAdminClient
{
    /// <summary>The Admin API version used when <c>Shopify:ApiVersion</c> is not set.</summary>
    public const string DefaultApiVersion = "2026-10";

    /// <summary>Name of the <see cref="IHttpClientFactory"/> client.</summary>
    public const string HttpClientName = "OrderTracking.Shopify";

    private const int MaxThrottleWaits = 3;
    private static readonly TimeSpan s_maxWait = TimeSpan.FromSeconds(10);

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptions<ShopifyOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal ShopifyAdminClient(IHttpClientFactory httpClientFactory, IOptions<ShopifyOptions> options, TimeProvider time, ILogger<ShopifyAdminClient> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>True when a shop domain and an Admin API access token are configured (write-back to Shopify is on).</summary>
    public static bool IsConfigured(ShopifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !string.IsNullOrWhiteSpace(options.ShopDomain) && !string.IsNullOrWhiteSpace(options.AccessToken);
    }

    /// <summary>The GraphQL endpoint for the configured shop, version and base URL.</summary>
    public static Uri Endpoint(ShopifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string version = string.IsNullOrWhiteSpace(options.ApiVersion) ? DefaultApiVersion : options.ApiVersion.Trim();
        string root = string.IsNullOrWhiteSpace(options.BaseUrl) ? $"https://{options.ShopDomain!.Trim()}" : options.BaseUrl.TrimEnd('/');
        return new Uri($"{root}/admin/api/{version}/graphql.json");
    }

    /// <summary>Runs one query or mutation.</summary>
    public async Task<ShopifyGraphQlResult> ExecuteAsync(string query, JsonObject variables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ShopifyOptions options = _options.Value;
        string body = new JsonObject { ["query"] = query, ["variables"] = variables.DeepClone() }.ToJsonString();
        for (int attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(options)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Shopify-Access-Token", options.AccessToken);
            using HttpResponseMessage response = await _httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogCallFailed(_logger, (int)response.StatusCode);
                throw new HttpRequestException($"Shopify GraphQL answered {(int)response.StatusCode}.", null, response.StatusCode);
            }

            JsonNode? answer;
            try
            {
                answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (JsonException ex)
            {
                throw new HttpRequestException("Shopify GraphQL answer is not JSON.", ex);
            }

            JsonNode? cost = answer?["extensions"]?["cost"];
            JsonArray? errors = answer?["errors"] as JsonArray;
            if (errors?.Any(e => (string?)e?["extensions"]?["code"] == "THROTTLED") == true)
            {
                TimeSpan wait = ThrottleWait(cost);
                if (attempt >= MaxThrottleWaits)
                {
                    throw new HttpRequestException("Shopify GraphQL is throttled (cost bucket empty); retry later.", null, HttpStatusCode.TooManyRequests);
                }

                LogThrottled(_logger, wait.TotalSeconds);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            double? actual = (double?)cost?["actualQueryCost"];
            string? error = errors is { Count: > 0 } ? (string?)errors[0]?["message"] ?? "GraphQL error" : null;
            return new ShopifyGraphQlResult(answer?["data"], error, actual);
        }
    }

    /// <summary>How long the bucket needs to hold the requested cost again (bounded; 1 s when Shopify does not say).</summary>
    internal static TimeSpan ThrottleWait(JsonNode? cost)
    {
        double? requested = (double?)cost?["requestedQueryCost"];
        double? available = (double?)cost?["throttleStatus"]?["currentlyAvailable"];
        double? restore = (double?)cost?["throttleStatus"]?["restoreRate"];
        if (requested is null || available is null || restore is not > 0)
        {
            return TimeSpan.FromSeconds(1);
        }

        double seconds = Math.Max(0, (requested.Value - available.Value) / restore.Value);
        return TimeSpan.FromSeconds(Math.Min(s_maxWait.TotalSeconds, Math.Ceiling(seconds * 10) / 10));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shopify GraphQL call failed with HTTP {Status}")]
    private static partial void LogCallFailed(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shopify GraphQL throttled; waiting {Seconds} s for the cost bucket")]
    private static partial void LogThrottled(ILogger logger, double seconds);
}
