using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace OrderTracking.Benchmarks.Storage;

/// <summary>
/// The floor: a bare <see cref="HttpClient"/> with requests pre-built (URIs, bodies, static headers) and a minimal inline
/// Shared Key signer — no pipeline, no validation, no parsing beyond what the next request needs.
/// </summary>
internal sealed class StorageFloorClient(string account, byte[] key, Uri tableEndpoint, Uri queueEndpoint) : IDisposable
{
    private const string Version = "2025-05-05";
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

    public void Dispose() => _http.Dispose();

    public async Task GetEntityAsync(string table, string pk, string rk)
    {
        string path = $"/{table}(PartitionKey='{pk}',RowKey='{rk}')";
        using HttpRequestMessage request = TableRequest(HttpMethod.Get, path, null);
        using HttpResponseMessage response = await _http.SendAsync(request);
        _ = await response.Content.ReadAsByteArrayAsync();
        Ensure(response, 200);
    }

    public async Task UpsertAsync(string table, string pk, string rk, byte[] json)
    {
        string path = $"/{table}(PartitionKey='{pk}',RowKey='{rk}')";
        using HttpRequestMessage request = TableRequest(HttpMethod.Patch, path, json);
        using HttpResponseMessage response = await _http.SendAsync(request);
        Ensure(response, 204);
    }

    public async Task QueueCycleAsync(string queue, byte[] sendBody)
    {
        using (HttpRequestMessage send = QueueRequest(HttpMethod.Post, $"/{queue}/messages", [], sendBody))
        using (HttpResponseMessage sent = await _http.SendAsync(send))
        {
            Ensure(sent, 201);
        }

        string xml;
        using (HttpRequestMessage receive = QueueRequest(HttpMethod.Get, $"/{queue}/messages", [("numofmessages", "1")], null))
        using (HttpResponseMessage received = await _http.SendAsync(receive))
        {
            Ensure(received, 200);
            xml = await received.Content.ReadAsStringAsync();
        }

        string id = Between(xml, "<MessageId>", "</MessageId>");
        string pop = Between(xml, "<PopReceipt>", "</PopReceipt>");
        using HttpRequestMessage delete = QueueRequest(HttpMethod.Delete, $"/{queue}/messages/{id}", [("popreceipt", pop)], null);
        using HttpResponseMessage deleted = await _http.SendAsync(delete);
        Ensure(deleted, 204);
    }

    private static void Ensure(HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
        {
            throw new InvalidOperationException($"Floor request failed: {(int)response.StatusCode}");
        }
    }

    private static string Between(string text, string start, string end)
    {
        int s = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[s..text.IndexOf(end, s, StringComparison.Ordinal)];
    }

    private static string Date() => DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);

    private HttpRequestMessage TableRequest(HttpMethod method, string path, byte[]? json)
    {
        var request = new HttpRequestMessage(method, new Uri(tableEndpoint.AbsoluteUri + path));
        string date = Date();
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-version", Version);
        request.Headers.TryAddWithoutValidation("Accept", "application/json;odata=minimalmetadata");
        request.Headers.TryAddWithoutValidation("DataServiceVersion", "3.0");
        string toSign = $"{date}\n/{account}{request.RequestUri!.AbsolutePath}";
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKeyLite {account}:{Sign(toSign)}");
        if (json is not null)
        {
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    private HttpRequestMessage QueueRequest(HttpMethod method, string path, (string Name, string Value)[] query, byte[]? body)
    {
        string q = query.Length == 0 ? string.Empty : "?" + string.Join('&', query.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));
        var request = new HttpRequestMessage(method, new Uri(queueEndpoint.AbsoluteUri + path + q));
        string date = Date();
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-version", Version);
        string contentType = string.Empty;
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
            contentType = "application/xml";
        }

        var toSign = new StringBuilder()
            .Append(method.Method).Append("\n\n\n").Append(body is { Length: > 0 } ? body.Length.ToString(CultureInfo.InvariantCulture) : string.Empty)
            .Append("\n\n").Append(contentType).Append("\n\n\n\n\n\n\n")
            .Append("x-ms-date:").Append(date).Append("\nx-ms-version:").Append(Version).Append('\n')
            .Append('/').Append(account).Append(request.RequestUri!.AbsolutePath);
        foreach ((string name, string value) in query.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            toSign.Append('\n').Append(name).Append(':').Append(value);
        }

        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {account}:{Sign(toSign.ToString())}");
        return request;
    }

    private string Sign(string value) => Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)));
}
