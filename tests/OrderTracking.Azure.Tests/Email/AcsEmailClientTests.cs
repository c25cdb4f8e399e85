using System.Text.Json;
using Azure;
using Azure.Core;
using OrderTracking.Azure.Email;
using OrderTracking.Core.Notifications;
using OrderTracking.Testing;

namespace OrderTracking.Azure.Tests.Email;

public sealed class AcsEmailClientTests
{
    private static readonly Guid s_operationId = Guid.Parse("0f8d6a1e-3c47-8b2d-9e55-7a3f2c1b0d4e");
    private static readonly EmailMessage s_message = new("ana@example.com", "Ana Pérez", "Tu pedido #1001 ha sido enviado", "<p>Hola</p>", "Hola");

    [Fact]
    public async Task SendAsync_Accepted_SignedRequestWithDocumentedBodyAndHeaders()
    {
        await using AcsStubServer stub = await AcsStubServer.StartAsync(AcsHmacAuthenticationPolicyTests.AccessKey, new StubResponse(202, "send-accepted.json",
            new Dictionary<string, string> { ["Operation-Location"] = "https://contoso.communication.azure.com/emails/operations/8540c0de-899f-5cce-acb5-3ec493af3800?api-version=2025-09-01" }));
        var clock = new FakeTimeProvider();
        AcsEmailClient client = CreateClient(stub, clock);

        string accepted = await client.SendAsync(s_message, s_operationId, CancellationToken.None);

        Assert.Equal("8540c0de-899f-5cce-acb5-3ec493af3800", accepted);
        StubRequest request = Assert.Single(stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/emails:send?api-version=2025-09-01", request.PathAndQuery);
        Assert.Equal("Sun, 22 Nov 2026 06:00:00 GMT", request.Headers["x-ms-date"]);
        Assert.Equal(s_operationId.ToString("D"), request.Headers["Operation-Id"]);
        Assert.Equal(s_operationId.ToString("D"), request.Headers["Repeatability-Request-Id"]);
        Assert.Equal("Sun, 22 Nov 2026 06:00:00 GMT", request.Headers["Repeatability-First-Sent"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);

        using JsonDocument body = JsonDocument.Parse(request.Body);
        JsonElement root = body.RootElement;
        Assert.Equal("DoNotReply@example.com", root.GetProperty("senderAddress").GetString());
        JsonElement to = Assert.Single(root.GetProperty("recipients").GetProperty("to").EnumerateArray());
        Assert.Equal("ana@example.com", to.GetProperty("address").GetString());
        Assert.Equal("Ana Pérez", to.GetProperty("displayName").GetString());
        JsonElement content = root.GetProperty("content");
        Assert.Equal("Tu pedido #1001 ha sido enviado", content.GetProperty("subject").GetString());
        Assert.Equal("Hola", content.GetProperty("plainText").GetString());
        Assert.Equal("<p>Hola</p>", content.GetProperty("html").GetString());
        Assert.True(root.GetProperty("userEngagementTrackingDisabled").GetBoolean());
    }

    [Fact]
    public async Task SendAsync_WithAnUnsubscribeUrl_SendsTheOneClickHeadersAsAcsCustomHeaders()
    {
        await using AcsStubServer stub = await AcsStubServer.StartAsync(AcsHmacAuthenticationPolicyTests.AccessKey, new StubResponse(202, "send-accepted.json"));

        await CreateClient(stub).SendAsync(s_message with { UnsubscribeUrl = new Uri("https://ot.example.com/api/unsubscribe?orderKey=api%3A1&token=9.x") }, s_operationId, CancellationToken.None);
        await CreateClient(stub).SendAsync(s_message, s_operationId, CancellationToken.None);

        using JsonDocument with = JsonDocument.Parse(stub.Requests[0].Body);
        JsonElement headers = with.RootElement.GetProperty("headers");
        Assert.Equal("<https://ot.example.com/api/unsubscribe?orderKey=api%3A1&token=9.x>", headers.GetProperty("List-Unsubscribe").GetString());
        Assert.Equal("List-Unsubscribe=One-Click", headers.GetProperty("List-Unsubscribe-Post").GetString());
        using JsonDocument without = JsonDocument.Parse(stub.Requests[1].Body);
        Assert.False(without.RootElement.TryGetProperty("headers", out _));
    }

    [Fact]
    public async Task SendAsync_NoDisplayName_OmitsDisplayName()
    {
        await using AcsStubServer stub = await AcsStubServer.StartAsync(AcsHmacAuthenticationPolicyTests.AccessKey, new StubResponse(202, "send-accepted.json"));

        await CreateClient(stub).SendAsync(s_message with { ToName = null }, s_operationId, CancellationToken.None);

        using JsonDocument body = JsonDocument.Parse(Assert.Single(stub.Requests).Body);
        JsonElement to = body.RootElement.GetProperty("recipients").GetProperty("to")[0];
        Assert.False(to.TryGetProperty("displayName", out _));
    }

    [Fact]
    public async Task SendAsync_429ThenAccepted_RetriedWithSameOperationIdAndFreshSignature()
    {
        await using AcsStubServer stub = await AcsStubServer.StartAsync(AcsHmacAuthenticationPolicyTests.AccessKey,
            new StubResponse(429, "error-too-many-requests.json", new Dictionary<string, string> { ["Retry-After"] = "0" }),
            new StubResponse(202, "send-accepted.json"));

        string accepted = await CreateClient(stub).SendAsync(s_message, s_operationId, CancellationToken.None);

        Assert.Equal("8540c0de-899f-5cce-acb5-3ec493af3800", accepted);
        Assert.Equal(2, stub.Requests.Count);
        Assert.All(stub.Requests, r => Assert.Equal(s_operationId.ToString("D"), r.Headers["Operation-Id"]));
        Assert.All(stub.Requests, r => Assert.True(AcsSignature.IsValid(r, AcsHmacAuthenticationPolicyTests.AccessKey)));
    }

    [Fact]
    public async Task SendAsync_BadRequest_ThrowsWithStatusAndAcsErrorCodeWithoutRetrying()
    {
        await using AcsStubServer stub = await AcsStubServer.StartAsync(AcsHmacAuthenticationPolicyTests.AccessKey, new StubResponse(400, "error-bad-request.json"));

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => CreateClient(stub).SendAsync(s_message, s_operationId, CancellationToken.None));

        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidSenderDomain", error.ErrorCode);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task SendAsync_ServiceUnavailableThroughout_RetriesThenThrows503()
    {
        await using AcsStubServer stub = await AcsStubServer.StartAsync(AcsHmacAuthenticationPolicyTests.AccessKey, new StubResponse(503));

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => CreateClient(stub).SendAsync(s_message, s_operationId, CancellationToken.None));

        Assert.Equal(503, error.Status);
        Assert.Equal(3, stub.Requests.Count); // first attempt + MaxRetries (2 in these tests)
    }

    [Fact]
    public async Task SendAsync_WrongAccessKey_StubRejectsSignature401()
    {
        await using AcsStubServer stub = await AcsStubServer.StartAsync(AcsHmacAuthenticationPolicyTests.AccessKey, new StubResponse(202, "send-accepted.json"));
        string otherKey = Convert.ToBase64String("a different access key!!"u8.ToArray());
        var client = new AcsEmailClient($"endpoint={stub.BaseUri};accesskey={otherKey}", Options(new FakeTimeProvider()));

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.SendAsync(s_message, s_operationId, CancellationToken.None));

        Assert.Equal(401, error.Status);
        Assert.Equal("Denied", error.ErrorCode);
    }

    [Fact]
    public async Task AcsEmailSender_TextOperationId_SendsTheDeterministicUuid()
    {
        await using AcsStubServer stub = await AcsStubServer.StartAsync(AcsHmacAuthenticationPolicyTests.AccessKey, new StubResponse(202, "send-accepted.json"));
        var sender = new AcsEmailSender(CreateClient(stub), Microsoft.Extensions.Logging.Abstractions.NullLogger<AcsEmailSender>.Instance);

        EmailSendResult result = await sender.SendAsync(s_message, "shopify:1|ups|1Z9|shipped", CancellationToken.None);
        await sender.SendAsync(s_message, "shopify:1|ups|1Z9|shipped", CancellationToken.None);

        Assert.Equal("8540c0de-899f-5cce-acb5-3ec493af3800", result.ProviderMessageId);
        string expected = DeterministicGuid.Create("shopify:1|ups|1Z9|shipped").ToString("D");
        Assert.All(stub.Requests, r => Assert.Equal(expected, r.Headers["Operation-Id"]));
    }

    private static AcsEmailClient CreateClient(AcsStubServer stub, FakeTimeProvider? clock = null) =>
        new($"endpoint={stub.BaseUri};accesskey={AcsHmacAuthenticationPolicyTests.AccessKey}", Options(clock ?? new FakeTimeProvider()));

    private static AcsEmailClientOptions Options(FakeTimeProvider clock)
    {
        var options = new AcsEmailClientOptions { SenderAddress = "DoNotReply@example.com", TimeProvider = clock };
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        options.Retry.Mode = RetryMode.Fixed;
        return options;
    }
}
