using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Extensions;

namespace OrderTracking.DevHost.Invocation;

/// <summary>
/// Builds the HTTP-trigger envelope used when a request is not forwarded (reference §2.5): <c>Data.&lt;name&gt;</c> from
/// <c>GetRequestAsJObject</c>, and Metadata with the JSON body's properties, the query (except <c>code</c>), the route
/// values, <c>Query</c>, <c>Headers</c> and <c>sys</c>.
/// </summary>
internal static class HttpEnvelopeBuilder
{
    private const string AuthLevelClaim = "http://schemas.microsoft.com/2017/07/functions/claims/authlevel";

    public static JsonObject Build(FunctionDescriptor function, HttpRequest request, byte[] body, FunctionAuthLevel? grantedLevel, DateTimeOffset utcNow)
    {
        var query = new JsonObject();
        foreach ((string key, Microsoft.Extensions.Primitives.StringValues values) in request.Query)
        {
            query[key] = values.ToString();
        }

        var routeValues = request.RouteValues.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture)!);
        var req = new JsonObject
        {
            ["Url"] = request.GetEncodedUrl(),
            ["Method"] = request.Method,
            ["Query"] = query.DeepClone(),
            ["Headers"] = new JsonObject(request.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)new JsonArray(h.Value.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray())))),
        };
        if (routeValues.Count > 0)
        {
            req["Params"] = new JsonObject(routeValues.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        }

        req["Identities"] = CreateIdentities(grantedLevel);
        string? textBody = null;
        if (request.ContentLength > 0)
        {
            // Only present when Content-Length > 0; Base64 for binary content types.
            bool binary = request.ContentType is { } ct && (ct.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase) || ct.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase));
            textBody = binary ? null : Encoding.UTF8.GetString(body);
            req["Body"] = binary ? Convert.ToBase64String(body) : textBody;
        }

        return new JsonObject
        {
            ["Data"] = new JsonObject { [function.TriggerBinding.Name] = req },
            ["Metadata"] = BuildMetadata(function, request, textBody, query, routeValues, utcNow),
        };
    }

    private static JsonObject BuildMetadata(FunctionDescriptor function, HttpRequest request, string? textBody, JsonObject query, Dictionary<string, string> routeValues, DateTimeOffset utcNow)
    {
        var metadata = new JsonObject(new JsonNodeOptions { PropertyNameCaseInsensitive = true });
        EnvelopeEncoder.ApplyJsonProperties(textBody, metadata);
        foreach ((string key, JsonNode? value) in query)
        {
            if (!string.Equals(key, "code", StringComparison.OrdinalIgnoreCase))
            {
                metadata[key] = EnvelopeEncoder.Encode(value!.GetValue<string>());
            }
        }

        foreach ((string key, string value) in routeValues)
        {
            metadata[key] = EnvelopeEncoder.Encode(value);
        }

        metadata["Query"] = query.DeepClone();
        metadata["Headers"] = new JsonObject(request.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(string.Join(",", h.Value.ToArray())))));
        metadata["sys"] = EnvelopeEncoder.CreateSys(function.Name, utcNow);
        return metadata;
    }

    private static JsonArray CreateIdentities(FunctionAuthLevel? grantedLevel) => grantedLevel is not { } level
        ? []
        : [
            new JsonObject
            {
                ["AuthenticationType"] = "WebJobsAuthLevel",
                ["IsAuthenticated"] = true,
                ["Claims"] = new JsonArray(new JsonObject { ["Type"] = AuthLevelClaim, ["Value"] = level.ToString() }),
            },
        ];
}
