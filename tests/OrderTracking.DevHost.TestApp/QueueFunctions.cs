using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace OrderTracking.DevHost.TestApp;

/// <summary>Queue functions. Messages are JSON objects: <c>{"id": "...", "fail": bool, "sleepMs": n, "emit": [..]}</c>.</summary>
public sealed class QueueFunctions
{
    /// <summary>Records every delivery (id, dequeue count, process) and fails or sleeps when asked to.</summary>
    [Function("Work")]
    public async Task WorkAsync(
        [QueueTrigger("%WorkQueue%")] string message,
        long dequeueCount,
        string id,
        string popReceipt,
        FunctionContext context)
    {
        using JsonDocument json = JsonDocument.Parse(message);
        JsonElement root = json.RootElement;
        string key = root.TryGetProperty("id", out JsonElement k) ? k.GetString()! : id;
        int sleepMs = root.TryGetProperty("sleepMs", out JsonElement s) ? s.GetInt32() : 0;
        bool fail = root.TryGetProperty("fail", out JsonElement f) && f.GetBoolean();
        context.BindingContext.BindingData.TryGetValue("InsertionTime", out object? insertionTime);
        Recorder.Write("start", new { key, dequeueCount, messageId = id, popReceipt, processId = Environment.ProcessId, insertionTime = insertionTime?.ToString(), context.InvocationId });
        if (sleepMs > 0)
        {
            await Task.Delay(sleepMs, context.CancellationToken);
        }

        if (fail)
        {
            throw new InvalidOperationException($"message {key} fails on purpose");
        }

        Recorder.Write("done", new { key, dequeueCount, messageId = id, processId = Environment.ProcessId, context.InvocationId });
    }

    /// <summary>Returns one queue message per array element of <c>emit</c>; the host writes them only after success.</summary>
    [Function("Emit")]
    [QueueOutput("%DoneQueue%")]
    public string[] Emit([QueueTrigger("%EmitQueue%")] EmitRequest request)
    {
        if (request.Fail)
        {
            throw new InvalidOperationException("asked to fail");
        }

        return request.Emit ?? [];
    }

    /// <summary>Binds the SDK's QueueMessage (deferred binding through model_binding_data).</summary>
    [Function("Raw")]
    public void Raw([QueueTrigger("%RawQueue%")] QueueMessage message) =>
        Recorder.Write("raw", new { message.MessageId, text = message.MessageText, message.DequeueCount, message.PopReceipt, message.InsertedOn });
}

/// <summary>A POCO queue message.</summary>
public sealed class EmitRequest
{
    public string[]? Emit { get; set; }

    public bool Fail { get; set; }
}
