using Azure;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using OrderTracking.Azure.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Azure.Tests.Storage;

/// <summary>
/// String-to-sign formats from https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key
/// (Table: Shared Key Lite; Queue: Shared Key for Blob/Queue/File), checked at a fixed time.
/// </summary>
public sealed class SharedKeySigningTests
{
    private const string Key = "a2V5LWJ5dGVzLWZvci10ZXN0cy1vbmx5LTEyMzQ1Njc4OTA=";

    [Fact]
    public void TableBuildStringToSign_DocumentedTablesExample_MatchesDocs()
    {
        // Docs: "Sun, 11 Oct 2009 19:52:39 GMT\n/testaccount1/Tables"
        string s = TableSharedKeyPolicy.BuildStringToSign(
            "Sun, 11 Oct 2009 19:52:39 GMT", new Uri("https://testaccount1.table.core.windows.net/Tables"), "testaccount1");

        Assert.Equal("Sun, 11 Oct 2009 19:52:39 GMT\n/testaccount1/Tables", s);
    }

    [Fact]
    public void TableBuildStringToSign_CompQuery_IsKeptOthersDropped()
    {
        string s = TableSharedKeyPolicy.BuildStringToSign(
            "Sun, 11 Oct 2009 19:52:39 GMT", new Uri("https://acct.table.core.windows.net/mytable?comp=acl&$top=5"), "acct");

        Assert.Equal("Sun, 11 Oct 2009 19:52:39 GMT\n/acct/mytable?comp=acl", s);
    }

    [Fact]
    public async Task TableClient_FixedTime_SignsWithSharedKeyLiteAndEmulatorPathStyle()
    {
        var handler = new RecordingHandler { Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.NotFound) };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero));
        StorageConnection connection = StorageConnection.FromConnectionString($"AccountName=devstoreaccount1;AccountKey={Key};TableEndpoint=http://127.0.0.1:10002/devstoreaccount1");

        await connection.CreateTableServiceClient(handler.Options(time)).GetTableClient("Orders").GetEntityAsync("p", "r");

        RecordedRequest request = Assert.Single(handler.Requests);
        const string expected = "Sun, 22 Nov 2026 06:00:00 GMT\n/devstoreaccount1/devstoreaccount1/Orders(PartitionKey='p',RowKey='r')";
        Assert.Equal("Sun, 22 Nov 2026 06:00:00 GMT", request.Headers["x-ms-date"]);
        Assert.Equal("SharedKeyLite devstoreaccount1:" + Hmac(expected), request.Headers["Authorization"]);
        Assert.Equal("2025-05-05", request.Headers["x-ms-version"]);
    }

    [Fact]
    public void QueueBuildStringToSign_PutWithContentAndMetadata_MatchesDocumentedLayout()
    {
        HttpPipeline pipeline = HttpPipelineBuilder.Build(new StorageClientOptions());
        using Request request = pipeline.CreateRequest();
        request.Method = RequestMethod.Put;
        request.Uri.Reset(new Uri("https://testaccount1.queue.core.windows.net/myqueue/messages?visibilitytimeout=30&popreceipt=AgAAAA%3D%3D&Comp=x"));
        request.Headers.SetValue("Content-Type", "text/plain; charset=UTF-8");
        request.Headers.SetValue("x-ms-date", "Sun, 20 Sep 2009 20:36:40 GMT");
        request.Headers.SetValue("x-ms-meta-m2", "v2");
        request.Headers.SetValue("X-MS-Meta-M1", " v1 ");
        request.Content = RequestContent.Create(Encoding.UTF8.GetBytes("hello world"));

        string s = QueueSharedKeyPolicy.BuildStringToSign(request, "testaccount1");

        Assert.Equal(
            "PUT\n\n\n11\n\ntext/plain; charset=UTF-8\n\n\n\n\n\n\n" +
            "x-ms-date:Sun, 20 Sep 2009 20:36:40 GMT\nx-ms-meta-m1:v1\nx-ms-meta-m2:v2\n" +
            "/testaccount1/myqueue/messages\ncomp:x\npopreceipt:AgAAAA==\nvisibilitytimeout:30",
            s);
    }

    [Fact]
    public void QueueBuildStringToSign_NoContent_LeavesContentLengthEmpty()
    {
        HttpPipeline pipeline = HttpPipelineBuilder.Build(new StorageClientOptions());
        using Request request = pipeline.CreateRequest();
        request.Method = RequestMethod.Get;
        request.Uri.Reset(new Uri("http://127.0.0.1:10001/devstoreaccount1/q?comp=metadata"));
        request.Headers.SetValue("x-ms-date", "Sun, 22 Nov 2026 06:00:00 GMT");
        request.Headers.SetValue("x-ms-version", "2025-05-05");

        string s = QueueSharedKeyPolicy.BuildStringToSign(request, "devstoreaccount1");

        Assert.Equal(
            "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Sun, 22 Nov 2026 06:00:00 GMT\nx-ms-version:2025-05-05\n" +
            "/devstoreaccount1/devstoreaccount1/q\ncomp:metadata",
            s);
    }

    [Fact]
    public async Task QueueClient_FixedTime_SendsSharedKeyOverTheDocumentedString()
    {
        var handler = new RecordingHandler { Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<QueueMessagesList />") } };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero));
        StorageConnection connection = StorageConnection.FromConnectionString($"AccountName=acct;AccountKey={Key}");

        await connection.CreateQueueServiceClient(handler.Options(time)).GetQueueClient("orders").PeekMessagesAsync(3);

        RecordedRequest request = Assert.Single(handler.Requests);
        string msHeaders = string.Concat(request.Headers
            .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .OrderBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .Select(h => $"{h.Key.ToLowerInvariant()}:{h.Value}\n"));
        Assert.Contains("x-ms-date:Sun, 22 Nov 2026 06:00:00 GMT\n", msHeaders);
        string expected = "GET\n\n\n\n\n\n\n\n\n\n\n\n" + msHeaders + "/acct/orders/messages\nnumofmessages:3\npeekonly:true";
        Assert.Equal("SharedKey acct:" + Hmac(expected), request.Headers["Authorization"]);
    }

    [Fact]
    public async Task Pipeline_TransientFailure_IsRetriedByAzureCoreAndResigned()
    {
        var handler = new RecordingHandler
        {
            Respond = (n, _) => n == 1
                ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<QueueMessagesList />") },
        };
        var time = new FakeTimeProvider();
        StorageConnection connection = StorageConnection.FromConnectionString($"AccountName=acct;AccountKey={Key}");

        IReadOnlyList<PeekedMessage> peeked = await connection.CreateQueueServiceClient(handler.Options(time, maxRetries: 3))
            .GetQueueClient("orders").PeekMessagesAsync();

        Assert.Empty(peeked);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.StartsWith("SharedKey acct:", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task Pipeline_RetriesDisabled_SurfacesStatusAndErrorCodeAfterOneAttempt()
    {
        var handler = new RecordingHandler
        {
            Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            {
                Content = new StringContent("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ServerBusy</Code><Message>Busy.\nRequestId:1</Message></Error>"),
            },
        };
        StorageConnection connection = StorageConnection.FromConnectionString($"AccountName=acct;AccountKey={Key}");

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => connection.CreateQueueServiceClient(handler.Options()).GetQueueClient("orders").PeekMessagesAsync());

        Assert.Single(handler.Requests);
        Assert.Equal(503, error.Status);
        Assert.Equal("ServerBusy", error.ErrorCode);
        Assert.Contains("Busy.", error.Message);
    }

    private static string Hmac(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(Key), Encoding.UTF8.GetBytes(stringToSign)));
}
