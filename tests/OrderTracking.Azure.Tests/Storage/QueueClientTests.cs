using Azure;
using OrderTracking.Azure.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Azure.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class QueueClientTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SendMessageAsync_ThenReceive_RoundTripsUnicodeTextAndDequeueCount()
    {
        QueueClient queue = await azurite.CreateQueueAsync();
        const string text = "{\"orderKey\":\"shopify:450789469\",\"note\":\"ñandú ✓ <&>\"}";

        SendReceipt sent = await queue.SendMessageAsync(text);
        IReadOnlyList<QueueMessage> received = await queue.ReceiveMessagesAsync(maxMessages: 5, visibilityTimeout: TimeSpan.FromSeconds(30));

        QueueMessage message = Assert.Single(received);
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal(text, message.MessageText);
        Assert.Equal(1, message.DequeueCount);
        Assert.NotNull(sent.InsertedOn);
        Assert.True(message.NextVisibleOn > DateTimeOffset.UtcNow.AddSeconds(20));
    }

    [Fact]
    public async Task SendMessageAsync_Always_PutsBase64OfUtf8OnTheWire()
    {
        QueueClient queue = await azurite.CreateQueueAsync();
        await queue.SendMessageAsync("{\"a\":\"é\"}");

        string wire = await RawQueueReader.PeekWireTextAsync(azurite.Connection, queue.Name);

        Assert.Equal(Convert.ToBase64String("{\"a\":\"é\"}"u8.ToArray()), wire);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_VisibilityTimeoutExpires_MessageReturnsWithDequeueCountIncremented()
    {
        QueueClient queue = await azurite.CreateQueueAsync();
        await queue.SendMessageAsync("{\"n\":1}");

        QueueMessage first = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)));
        Assert.Empty(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)));
        QueueMessage second = await ReceiveOneEventuallyAsync(queue);

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
    }

    [Fact]
    public async Task DeleteMessageAsync_StalePopReceipt_ThrowsNotFound()
    {
        QueueClient queue = await azurite.CreateQueueAsync();
        await queue.SendMessageAsync("{}");
        QueueMessage message = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));
        UpdateReceipt updated = await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(30));

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(
            () => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt));

        Assert.Equal(404, error.Status);
        Assert.Contains(error.ErrorCode, new[] { "MessageNotFound", "PopReceiptMismatch" });
        await queue.DeleteMessageAsync(message.MessageId, updated.PopReceipt);
        Assert.Equal(0, await queue.GetApproximateMessagesCountAsync());
    }

    [Fact]
    public async Task SendMessageAsync_WithVisibilityDelay_IsHiddenUntilTheDelayPasses()
    {
        QueueClient queue = await azurite.CreateQueueAsync();
        SendReceipt sent = await queue.SendMessageAsync("{\"late\":true}", visibilityTimeout: TimeSpan.FromSeconds(1));

        Assert.Empty(await queue.PeekMessagesAsync(32));
        Assert.Equal(1, await queue.GetApproximateMessagesCountAsync());
        QueueMessage message = await ReceiveOneEventuallyAsync(queue);

        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.True(sent.NextVisibleOn > sent.InsertedOn);
    }

    [Fact]
    public async Task SendMessageAsync_WithTimeToLive_SetsExpiry()
    {
        QueueClient queue = await azurite.CreateQueueAsync();

        SendReceipt sent = await queue.SendMessageAsync("{}", timeToLive: TimeSpan.FromMinutes(5));

        Assert.NotNull(sent.ExpiresOn);
        Assert.InRange((sent.ExpiresOn!.Value - sent.InsertedOn!.Value).TotalSeconds, 299, 301);
    }

    [Fact]
    public async Task PeekMessagesAsync_DoesNotHideOrCountADequeue()
    {
        QueueClient queue = await azurite.CreateQueueAsync();
        await queue.SendMessageAsync("{\"p\":1}");
        await queue.SendMessageAsync("{\"p\":2}");

        IReadOnlyList<PeekedMessage> peeked = await queue.PeekMessagesAsync(32);
        IReadOnlyList<QueueMessage> received = await queue.ReceiveMessagesAsync(32);

        Assert.Equal(["{\"p\":1}", "{\"p\":2}"], peeked.Select(m => m.MessageText));
        Assert.All(peeked, m => Assert.Equal(0, m.DequeueCount));
        Assert.Equal(2, received.Count);
        Assert.All(received, m => Assert.Equal(1, m.DequeueCount));
    }

    [Fact]
    public async Task UpdateMessageAsync_ZeroVisibilityAndNewText_MakesItVisibleWithNewText()
    {
        QueueClient queue = await azurite.CreateQueueAsync();
        await queue.SendMessageAsync("{\"v\":1}");
        QueueMessage message = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5)));

        UpdateReceipt receipt = await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, "{\"v\":2}", TimeSpan.Zero);
        QueueMessage again = Assert.Single(await queue.ReceiveMessagesAsync(1));

        Assert.NotEqual(message.PopReceipt, receipt.PopReceipt);
        Assert.Equal("{\"v\":2}", again.MessageText);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task UpdateMessageAsync_LongerVisibility_KeepsMessageHidden()
    {
        QueueClient queue = await azurite.CreateQueueAsync();
        await queue.SendMessageAsync("{}");
        QueueMessage message = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1)));

        UpdateReceipt receipt = await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromMinutes(5));

        Assert.True(receipt.NextVisibleOn > DateTimeOffset.UtcNow.AddMinutes(4));
        Assert.Empty(await queue.PeekMessagesAsync(32));
    }

    [Fact]
    public async Task GetApproximateMessagesCountAsync_AfterSendsAndClear_TracksCount()
    {
        QueueClient queue = await azurite.CreateQueueAsync();
        for (int i = 0; i < 3; i++)
        {
            await queue.SendMessageAsync($"{{\"i\":{i}}}");
        }

        int before = await queue.GetApproximateMessagesCountAsync();
        await queue.ClearMessagesAsync();

        Assert.Equal(3, before);
        Assert.Equal(0, await queue.GetApproximateMessagesCountAsync());
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_Succeeds()
    {
        QueueClient queue = await azurite.CreateQueueAsync();

        await queue.CreateIfNotExistsAsync();

        Assert.Equal(0, await queue.GetApproximateMessagesCountAsync());
    }

    [Fact]
    public async Task SendMessageAsync_QueueMissing_ThrowsWithStorageErrorCode()
    {
        QueueClient queue = azurite.QueueServiceClient.GetQueueClient(StorageTestNames.NewQueueName("missing"));

        RequestFailedException error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("{}"));

        Assert.Equal(404, error.Status);
        Assert.Equal("QueueNotFound", error.ErrorCode);
    }

    [Fact]
    public void GetQueueClient_InvalidName_Throws()
    {
        Assert.Throws<ArgumentException>(() => azurite.QueueServiceClient.GetQueueClient("Bad_Name"));
        Assert.Throws<ArgumentException>(() => azurite.QueueServiceClient.GetQueueClient("a--b"));
    }

    // Waits on the service's own visibility clock (no sleeps in our code under test): polls until the message reappears.
    private static async Task<QueueMessage> ReceiveOneEventuallyAsync(QueueClient queue)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            IReadOnlyList<QueueMessage> messages = await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30), timeout.Token);
            if (messages.Count > 0)
            {
                return messages[0];
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }
    }
}
