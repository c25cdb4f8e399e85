using System.Text.Json.Nodes;
using OrderTracking.DevHost.Queues;

namespace OrderTracking.DevHost.Invocation;

/// <summary>
/// Builds the queue-trigger envelope exactly as reference §2.3 "what the host code actually produces": the message text
/// double-encoded under the binding name, <c>DequeueCount</c> as <c>"1"</c>, <c>Id</c>/<c>PopReceipt</c> double-encoded,
/// dates without sub-seconds, the JSON message's top-level properties copied into Metadata, <c>sys</c>, and no
/// <c>QueueTrigger</c> key.
/// </summary>
internal static class QueueEnvelopeBuilder
{
    public static JsonObject Build(FunctionDescriptor function, ReceivedMessage message, DateTimeOffset utcNow)
    {
        var metadata = new JsonObject(new JsonNodeOptions { PropertyNameCaseInsensitive = true })
        {
            ["DequeueCount"] = EnvelopeEncoder.Encode(message.DequeueCount),
            ["ExpirationTime"] = EnvelopeEncoder.Encode(message.ExpirationTime),
            ["Id"] = EnvelopeEncoder.Encode(message.Id),
            ["InsertionTime"] = EnvelopeEncoder.Encode(message.InsertionTime),
            ["NextVisibleTime"] = EnvelopeEncoder.Encode(message.NextVisibleTime),
            ["PopReceipt"] = EnvelopeEncoder.Encode(message.PopReceipt),
            ["sys"] = EnvelopeEncoder.CreateSys(function.Name, utcNow),
        };
        EnvelopeEncoder.ApplyJsonProperties(message.Text ?? string.Empty, metadata);
        return new JsonObject
        {
            ["Data"] = new JsonObject { [function.TriggerBinding.Name] = EnvelopeEncoder.Encode(message.Text ?? string.Empty) },
            ["Metadata"] = metadata,
        };
    }
}
