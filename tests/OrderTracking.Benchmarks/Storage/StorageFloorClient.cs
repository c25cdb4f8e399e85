using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace OrderTracking.Benchmarks.Storage;

/// <summary>
/// The floor: a bare <see cref="HttpClient"/> with requests pre-built (URIs, bodies, static headers) and a minimal inline
/// Shared Key signer — no pipeline, no validation, no parsing beyond what the next request needs.
/// </summary>
internal sealed class StorageFloorClient(string account, byte[] key, Uri tableEndpoint) : IDisposable
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

    private static void Ensure(HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
        {
            throw new InvalidOperationException($"Floor request failed: {(int)response.StatusCode}");
        }
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

    private string Sign(string value) => Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)));
}
