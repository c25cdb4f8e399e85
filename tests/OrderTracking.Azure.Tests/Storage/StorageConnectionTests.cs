using System.Net;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using OrderTracking.Azure.Storage;

namespace OrderTracking.Azure.Tests.Storage;

public sealed class StorageConnectionTests
{
    private const string Key = "a2V5LWJ5dGVzLWZvci10ZXN0cy1vbmx5LTEyMzQ1Njc4OTA=";

    [Fact]
    public void FromConnectionString_DevelopmentStorage_UsesAzuriteDefaults()
    {
        StorageConnection connection = StorageConnection.FromConnectionString("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal("ConnectionString", connection.AuthenticationKind);
    }

    [Fact]
    public void FromConnectionString_DevelopmentStorageWithProxy_UsesProxyHost()
    {
        StorageConnection connection = StorageConnection.FromConnectionString("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://azurite");

        Assert.Equal(new Uri("http://azurite:10002/devstoreaccount1"), connection.TableEndpoint);
    }

    [Fact]
    public void FromConnectionString_AccountKey_BuildsDefaultEndpoints()
    {
        StorageConnection connection = StorageConnection.FromConnectionString($"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={Key};EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://acct.table.core.windows.net"), connection.TableEndpoint);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), connection.QueueEndpoint);
        Assert.Equal("acct", connection.AccountName);
    }

    [Fact]
    public void FromConnectionString_ProtocolAndSuffix_AreHonoured()
    {
        StorageConnection connection = StorageConnection.FromConnectionString($"AccountName=acct;AccountKey={Key};DefaultEndpointsProtocol=http;EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("http://acct.table.core.chinacloudapi.cn"), connection.TableEndpoint);
        Assert.Equal(new Uri("http://acct.queue.core.chinacloudapi.cn"), connection.QueueEndpoint);
    }

    [Fact]
    public void FromConnectionString_NoProtocol_DefaultsToHttps()
    {
        StorageConnection connection = StorageConnection.FromConnectionString($"AccountName=acct;AccountKey={Key}");

        Assert.Equal("https", connection.TableEndpoint.Scheme);
    }

    [Fact]
    public void FromConnectionString_ExplicitEndpoints_WinOverAccountName()
    {
        StorageConnection connection = StorageConnection.FromConnectionString(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
            "BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:2/devstoreaccount1/;TableEndpoint=http://127.0.0.1:3/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:3/devstoreaccount1"), connection.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:2/devstoreaccount1"), connection.QueueEndpoint);
    }

    [Fact]
    public async Task FromConnectionString_Sas_AppendsSignatureToEveryRequestWithoutAuthorizationHeader()
    {
        StorageConnection connection = StorageConnection.FromConnectionString(
            "TableEndpoint=https://acct.table.core.windows.net/;QueueEndpoint=https://acct.queue.core.windows.net;SharedAccessSignature=sv=2025-05-05&ss=tq&sig=abc%2Bdef%3D");
        var handler = new RecordingHandler { Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<QueueMessagesList />") } };

        await connection.CreateQueueServiceClient(handler.QueueOptions()).GetQueueClient("q01").PeekMessagesAsync();

        RecordedRequest request = Assert.Single(handler.Requests);
        Assert.StartsWith("https://acct.queue.core.windows.net/q01/messages?", request.Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("sig=abc%2Bdef%3D", request.Uri.Query, StringComparison.Ordinal);
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task CreateQueueServiceClient_SendsBase64MessageText_AsTheQueueTriggerExpects()
    {
        StorageConnection connection = StorageConnection.FromConnectionString("UseDevelopmentStorage=true");
        var handler = new RecordingHandler { Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent(SendReceiptXml) } };

        await connection.CreateQueueServiceClient(handler.QueueOptions()).GetQueueClient("inbound-events").SendMessageAsync("{\"a\":\"é\"}");

        RecordedRequest request = Assert.Single(handler.Requests);
        Assert.Contains("<MessageText>" + Convert.ToBase64String("{\"a\":\"é\"}"u8) + "</MessageText>", request.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=acct")]
    [InlineData("AccountKey=" + Key)]
    [InlineData("just-garbage")]
    [InlineData("AccountName=acct;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp")]
    [InlineData("SharedAccessSignature=sv=1&sig=x")]
    public void FromConnectionString_Invalid_ThrowsFormatException(string connectionString)
    {
        Assert.Throws<FormatException>(() => StorageConnection.FromConnectionString(connectionString));
    }

    [Fact]
    public void FromConnectionString_BadKey_DoesNotEchoTheSecret()
    {
        FormatException error = Assert.Throws<FormatException>(() => StorageConnection.FromConnectionString("AccountName=acct;AccountKey=not*base64*secret"));

        Assert.DoesNotContain("secret", error.Message);
        Assert.Contains("keys present: AccountName, AccountKey", error.Message);
    }

    [Fact]
    public void FromConfiguration_ConnectionString_IsParsed()
    {
        StorageConnection connection = StorageConnection.FromConfiguration(Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal(10002, connection.TableEndpoint.Port);
    }

    [Fact]
    public void FromConfiguration_AccountNameIdentity_UsesDefaultAzureCredential()
    {
        StorageConnection connection = StorageConnection.FromConfiguration(Config(("AzureWebJobsStorage:accountName", "acct")));

        Assert.Equal(new Uri("https://acct.table.core.windows.net"), connection.TableEndpoint);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), connection.QueueEndpoint);
        Assert.Equal("Token", connection.AuthenticationKind);
        Assert.IsType<DefaultAzureCredential>(connection.TokenCredential);
    }

    [Fact]
    public void FromConfiguration_ServiceUrisWithManagedIdentity_UsesManagedIdentityCredential()
    {
        StorageConnection connection = StorageConnection.FromConfiguration(Config(
            ("AzureWebJobsStorage:tableServiceUri", "https://t.example.net/"),
            ("AzureWebJobsStorage:queueServiceUri", "https://q.example.net"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Equal(new Uri("https://t.example.net"), connection.TableEndpoint);
        Assert.Equal(new Uri("https://q.example.net"), connection.QueueEndpoint);
        Assert.IsType<ManagedIdentityCredential>(connection.TokenCredential);
    }

    [Fact]
    public void FromConfiguration_CustomName_ReadsThatKey()
    {
        StorageConnection connection = StorageConnection.FromConfiguration(Config(("Other:accountName", "acct2")), "Other");

        Assert.Equal("acct2.table.core.windows.net", connection.TableEndpoint.Host);
    }

    [Fact]
    public void FromConfiguration_Missing_ThrowsNamingTheKeys()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Config()));

        Assert.Contains("AzureWebJobsStorage", error.Message);
        Assert.Contains("__accountName", error.Message);
    }

    [Fact]
    public void FromConfiguration_OnlyTableUri_ThrowsBecauseQueueIsMissing()
    {
        Assert.Throws<InvalidOperationException>(() => StorageConnection.FromConfiguration(Config(("AzureWebJobsStorage:tableServiceUri", "https://t.example.net"))));
    }

    [Fact]
    public void FromConfiguration_InvalidConnectionString_ThrowsInvalidOperation()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(
            () => StorageConnection.FromConfiguration(Config(("AzureWebJobsStorage", "AccountName=acct"))));

        Assert.Contains("AzureWebJobsStorage", error.Message);
    }

    [Fact]
    public async Task FromServiceUris_TokenCredential_SendsBearerTokenForStorageScope()
    {
        var credential = new StubTokenCredential();
        StorageConnection connection = StorageConnection.FromServiceUris(new Uri("https://acct.table.core.windows.net"), new Uri("https://acct.queue.core.windows.net"), credential);
        var handler = new RecordingHandler { Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.NotFound) };

        global::Azure.NullableResponse<TableEntity> entity = await connection.CreateTableServiceClient(handler.TableOptions()).GetTableClient("Orders")
            .GetEntityIfExistsAsync<TableEntity>("p", "r");

        Assert.False(entity.HasValue);
        Assert.Equal("Bearer token-1", Assert.Single(handler.Requests).Headers["Authorization"]);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes);
    }

    private const string SendReceiptXml =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessagesList><QueueMessage><MessageId>m1</MessageId>" +
        "<InsertionTime>Tue, 01 Dec 2026 10:00:00 GMT</InsertionTime><ExpirationTime>Tue, 08 Dec 2026 10:00:00 GMT</ExpirationTime>" +
        "<PopReceipt>p1</PopReceipt><TimeNextVisible>Tue, 01 Dec 2026 10:00:00 GMT</TimeNextVisible></QueueMessage></QueueMessagesList>";

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private sealed class StubTokenCredential : TokenCredential
    {
        public string[] Scopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes = requestContext.Scopes;
            return new AccessToken("token-1", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
