using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderTracking.DevHost.TestHandler;

/// <summary>Appends one JSON line per request to <c>{directory}/{function}.jsonl</c>, so records survive a handler restart.</summary>
internal sealed class RequestRecorder(string? directory)
{
    private readonly Lock _lock = new();

    public void Record(string function, HttpRequest request, string body, DateTimeOffset startedAt)
    {
        if (directory is null)
        {
            return;
        }

        var record = new JsonObject
        {
            ["function"] = function,
            ["method"] = request.Method,
            ["path"] = request.Path.Value,
            ["invocationId"] = request.Headers["X-Azure-Functions-InvocationId"].ToString(),
            ["hostVersion"] = request.Headers["X-Azure-Functions-HostVersion"].ToString(),
            ["userAgent"] = request.Headers.UserAgent.ToString(),
            ["contentType"] = request.ContentType,
            ["contentLength"] = request.ContentLength,
            ["transferEncoding"] = request.Headers.TransferEncoding.ToString(),
            ["body"] = body,
            ["startedAt"] = startedAt,
            ["endedAt"] = DateTimeOffset.UtcNow,
        };
        string line = record.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        lock (_lock)
        {
            Directory.CreateDirectory(directory);
            File.AppendAllText(Path.Combine(directory, function + ".jsonl"), line + "\n");
        }
    }
}
