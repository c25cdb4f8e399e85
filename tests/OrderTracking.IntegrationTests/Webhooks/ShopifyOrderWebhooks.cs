using System.Text.Json.Nodes;

namespace OrderTracking.IntegrationTests.Webhooks;

/// <summary>Shopify Order and Fulfillment payloads (reference §9.3) beyond the skeleton's <c>fulfillments/create</c>.</summary>
internal static class ShopifyOrderWebhooks
{
    /// <summary>An <c>orders/create</c> body: unfulfilled, customer, shipping address, no fulfillments yet.</summary>
    public static string OrderCreated(long orderId, string email = "maria@example.com", string locale = "es", string[]? gateways = null) => new JsonObject
    {
        ["payment_gateway_names"] = new JsonArray([.. (gateways ?? ["shopify_payments"]).Select(g => (JsonNode)g)]),
        ["id"] = orderId,
        ["admin_graphql_api_id"] = $"gid://shopify/Order/{orderId}",
        ["name"] = $"#{orderId % 100000}",
        ["email"] = email,
        ["contact_email"] = email,
        ["customer_locale"] = locale,
        ["created_at"] = "2026-11-21T09:00:00-05:00",
        ["updated_at"] = "2026-11-21T09:00:00-05:00",
        ["cancelled_at"] = null,
        ["financial_status"] = "paid",
        ["fulfillment_status"] = null,
        ["currency"] = "EUR",
        ["total_price"] = "39.00",
        ["customer"] = new JsonObject { ["id"] = 207119551, ["email"] = email, ["first_name"] = "María", ["last_name"] = "López", ["locale"] = locale },
        ["shipping_address"] = new JsonObject { ["first_name"] = "María", ["last_name"] = "López", ["name"] = "María López", ["address1"] = "Gran Vía 1", ["city"] = "Madrid", ["zip"] = "28013", ["country_code"] = "ES" },
        ["line_items"] = new JsonArray(new JsonObject { ["id"] = 1, ["title"] = "Mug", ["quantity"] = 2, ["sku"] = "MUG-1" }),
        ["fulfillments"] = new JsonArray(),
    }.ToJsonString();

    /// <summary>A <c>fulfillments/update</c> body: several numbers, carrier as Shopify writes it, and a shipment_status.</summary>
    public static string FulfillmentUpdated(long orderId, long fulfillmentId, string[] numbers, string company = "Sandbox", string? shipmentStatus = "in_transit", string status = "success") => new JsonObject
    {
        ["id"] = fulfillmentId,
        ["admin_graphql_api_id"] = $"gid://shopify/Fulfillment/{fulfillmentId}",
        ["order_id"] = orderId,
        ["name"] = $"#{orderId % 100000}.1",
        ["status"] = status,
        ["created_at"] = "2026-11-22T06:00:00-05:00",
        ["updated_at"] = "2026-11-22T08:00:00-05:00",
        ["service"] = "manual",
        ["tracking_company"] = company,
        ["shipment_status"] = shipmentStatus,
        ["email"] = "maria@example.com",
        ["tracking_number"] = numbers[0],
        ["tracking_numbers"] = new JsonArray([.. numbers.Select(n => (JsonNode)JsonValue.Create(n))]),
        ["tracking_url"] = null,
        ["tracking_urls"] = new JsonArray(),
        ["line_items"] = new JsonArray(new JsonObject { ["id"] = 1, ["title"] = "Mug", ["quantity"] = 2 }),
    }.ToJsonString();
}
