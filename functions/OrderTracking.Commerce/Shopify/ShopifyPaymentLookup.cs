using System.Text.Json.Nodes;

namespace OrderTracking.Commerce.Shopify;

/// <summary>
/// The PayPal transaction behind a Shopify order (reference §13.1): the order's transactions through the GraphQL Admin
/// API; the latest successful <c>SALE</c> or <c>CAPTURE</c> of a PayPal gateway carries the PayPal transaction id in
/// <c>authorizationCode</c> (never parsed out of <c>receiptJson</c>, which Shopify says is not a contract).
/// </summary>
public sealed class ShopifyPaymentLookup(ShopifyAdminClient client)
{
    internal const string TransactionsQuery =
        "query OrderTransactions($id: ID!) { order(id: $id) { id transactions(first: 10) { kind status gateway authorizationCode createdAt } } }";

    /// <summary>The PayPal transaction id, or null when the order has no captured PayPal payment (only authorized, or another gateway).</summary>
    public async Task<string?> PayPalTransactionIdAsync(string orderGid, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderGid);
        ShopifyGraphQlResult result = await client.ExecuteAsync(TransactionsQuery, new JsonObject { ["id"] = orderGid }, cancellationToken).ConfigureAwait(false);
        return (result.Data?["order"]?["transactions"] as JsonArray ?? [])
            .Where(t => (string?)t?["kind"] is "SALE" or "CAPTURE"
                && (string?)t?["status"] == "SUCCESS"
                && ((string?)t?["gateway"])?.Contains("paypal", StringComparison.OrdinalIgnoreCase) == true
                && !string.IsNullOrWhiteSpace((string?)t?["authorizationCode"]))
            .OrderBy(t => (string?)t?["createdAt"], StringComparer.Ordinal)
            .Select(t => ((string)t!["authorizationCode"]!).Trim())
            .LastOrDefault();
    }
}
