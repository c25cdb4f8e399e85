using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using OrderTracking.DevHost.Queues;
using OrderTracking.DevHost.Rpc;
using OrderTracking.DevHost.Timers;

namespace OrderTracking.DevHost.Worker;

/// <summary>
/// Builds <see cref="InvocationRequest"/>s as the host does for each trigger (reference §3.2, §4.1, §4.2, §5.1): the
/// trigger value in <c>input_data</c>, binding data in <c>trigger_metadata</c>, and an empty <c>trace_context</c> (the
/// worker reads it without a null check). Only <c>string</c>, <c>json</c>, <c>bytes</c>, <c>http</c> and
/// <c>model_binding_data</c> are sent: the worker rejects <c>int</c>/<c>double</c>/<c>stream</c>.
/// </summary>
internal static class InvocationBuilder
{
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";

    public static InvocationRequest Http(FunctionDescriptor function, string functionId, string invocationId, HttpRequest request)
    {
        InvocationRequest invocation = Create(functionId, invocationId);
        invocation.InputData.Add(new ParameterBinding { Name = function.TriggerBinding.Name, Data = new TypedData { Http = new RpcHttp() } });
        var metadata = new Dictionary<string, TypedData>(StringComparer.OrdinalIgnoreCase);
        var query = new JsonObject();
        foreach ((string key, Microsoft.Extensions.Primitives.StringValues values) in request.Query)
        {
            query[key] = values.ToString();
            if (!key.Equals("code", StringComparison.OrdinalIgnoreCase))
            {
                metadata[key] = new TypedData { String = values.ToString() };
            }
        }

        var headers = new JsonObject();
        foreach ((string key, Microsoft.Extensions.Primitives.StringValues values) in request.Headers)
        {
            headers[key] = values.ToString();
        }

        foreach ((string key, object? value) in request.RouteValues)
        {
            if (value is not null)
            {
                metadata[key] = new TypedData { String = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty }; // route values win over the query
            }
        }

        metadata["Query"] = new TypedData { Json = query.ToJsonString() };
        metadata["Headers"] = new TypedData { Json = headers.ToJsonString() };
        invocation.TriggerMetadata.Add(metadata);
        return invocation;
    }

    public static InvocationRequest Queue(FunctionDescriptor function, string functionId, string invocationId, ReceivedMessage message)
    {
        InvocationRequest invocation = Create(functionId, invocationId);
        BindingDescriptor trigger = function.TriggerBinding;
        invocation.InputData.Add(new ParameterBinding { Name = trigger.Name, Data = QueueTriggerValue(trigger, message) });

        // Binding data is one case-insensitive dictionary (the worker throws on keys that differ only in case), and the
        // message's own properties override the trigger's ("input data overrides ambient data"): {"id":…} replaces Id.
        var metadata = new Dictionary<string, TypedData>(StringComparer.OrdinalIgnoreCase);
        if (message.Text is not null)
        {
            metadata["QueueTrigger"] = new TypedData { String = message.Text };
        }

        metadata["DequeueCount"] = new TypedData { Json = message.DequeueCount.ToString(CultureInfo.InvariantCulture) };
        metadata["Id"] = new TypedData { String = message.Id };
        metadata["PopReceipt"] = new TypedData { String = message.PopReceipt };
        metadata["InsertionTime"] = JsonDate(message.InsertionTime);
        metadata["ExpirationTime"] = JsonDate(message.ExpirationTime);
        metadata["NextVisibleTime"] = JsonDate(message.NextVisibleTime);
        ApplyJsonProperties(message.Text, metadata);
        invocation.TriggerMetadata.Add(metadata);
        return invocation;
    }

    public static InvocationRequest Timer(FunctionDescriptor function, string functionId, string invocationId, TimerTriggerData trigger, DateTimeOffset now)
    {
        InvocationRequest invocation = Create(functionId, invocationId);
        var info = new JsonObject
        {
            ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = trigger.Status is { } status
                ? new JsonObject { ["Last"] = Utc(status.Last), ["Next"] = Utc(status.Next), ["LastUpdated"] = Utc(status.LastUpdated) }
                : null,
            ["IsPastDue"] = trigger.IsPastDue,
        };
        invocation.InputData.Add(new ParameterBinding { Name = function.TriggerBinding.Name, Data = new TypedData { Json = info.ToJsonString() } });
        invocation.TriggerMetadata["TimerTrigger"] = new TypedData { String = now.ToString(CultureInfo.InvariantCulture) };
        return invocation;
    }

    private static InvocationRequest Create(string functionId, string invocationId) => new()
    {
        InvocationId = invocationId,
        FunctionId = functionId,
        TraceContext = new RpcTraceContext { TraceParent = string.Empty, TraceState = string.Empty },
    };

    /// <summary>
    /// <c>string</c> for <c>dataType: String</c> and POCOs, <c>bytes</c> for <c>Binary</c>, and the SDK message as
    /// <c>model_binding_data</c> for <c>QueueMessage</c>/<c>BinaryData</c> parameters (<c>supportsDeferredBinding</c>).
    /// </summary>
    private static TypedData QueueTriggerValue(BindingDescriptor trigger, ReceivedMessage message)
    {
        string? deferred = (trigger.Raw["properties"] as JsonObject)?["supportsDeferredBinding"]?.GetValue<string>();
        if (string.Equals(deferred, "true", StringComparison.OrdinalIgnoreCase))
        {
            var content = new JsonObject
            {
                ["MessageId"] = message.Id,
                ["PopReceipt"] = message.PopReceipt,
                ["MessageText"] = message.Text ?? Convert.ToBase64String(message.Body ?? []),
                ["Body"] = Convert.ToBase64String(message.Body ?? []),
                ["DequeueCount"] = message.DequeueCount,
                ["NextVisibleOn"] = message.NextVisibleTime.ToString(DateFormat, CultureInfo.InvariantCulture),
                ["InsertedOn"] = message.InsertionTime.ToString(DateFormat, CultureInfo.InvariantCulture),
                ["ExpiresOn"] = message.ExpirationTime.ToString(DateFormat, CultureInfo.InvariantCulture),
            };
            return new TypedData
            {
                ModelBindingData = new ModelBindingData
                {
                    Version = "1.0",
                    Source = "AzureStorageQueues",
                    ContentType = "application/json",
                    Content = ByteString.CopyFromUtf8(content.ToJsonString()),
                },
            };
        }

        if (string.Equals(trigger.GetString("dataType"), "binary", StringComparison.OrdinalIgnoreCase))
        {
            return new TypedData { Bytes = ByteString.CopyFrom(message.Body ?? []) };
        }

        return new TypedData { String = message.Text ?? Encoding.UTF8.GetString(message.Body ?? []) };
    }

    /// <summary>Top-level properties of a JSON-object message become binding data: scalars as text, objects as JSON; arrays and nulls are skipped.</summary>
    private static void ApplyJsonProperties(string? text, Dictionary<string, TypedData> metadata)
    {
        if (text is null || !text.TrimStart().StartsWith('{'))
        {
            return;
        }

        JsonObject? root;
        try
        {
            root = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return;
        }

        foreach ((string key, JsonNode? value) in root ?? [])
        {
            switch (value)
            {
                case JsonObject obj:
                    metadata[key] = new TypedData { Json = obj.ToJsonString() };
                    break;
                case JsonValue scalar when scalar.GetValueKind() is JsonValueKind.String:
                    metadata[key] = new TypedData { String = scalar.GetValue<string>() };
                    break;
                case JsonValue scalar when scalar.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                    metadata[key] = new TypedData { String = scalar.GetValue<bool>() ? "True" : "False" }; // Newtonsoft's JValue.ToString()
                    break;
                case JsonValue scalar when scalar.GetValueKind() is JsonValueKind.Number:
                    metadata[key] = new TypedData { String = scalar.ToJsonString() };
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>A quoted ISO date as Newtonsoft writes it on the host (no <c>\u002B</c> escaping of the offset's <c>+</c>).</summary>
    private static TypedData JsonDate(DateTimeOffset value) =>
        new() { Json = "\"" + value.ToString(DateFormat, CultureInfo.InvariantCulture) + "\"" };

    private static string Utc(DateTime value) =>
        new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)).ToString(DateFormat, CultureInfo.InvariantCulture);
}
