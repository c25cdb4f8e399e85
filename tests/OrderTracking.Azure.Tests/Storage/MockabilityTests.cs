using Azure;
using Moq;
using OrderTracking.Azure.Storage;

namespace OrderTracking.Azure.Tests.Storage;

/// <summary>Other projects stand in for the clients with Moq (protected constructors, virtual members).</summary>
public sealed class MockabilityTests
{
    [Fact]
    public async Task TableClient_Mocked_ReturnsConfiguredEntity()
    {
        var table = new Mock<TableClient>();
        table.Setup(t => t.GetEntityAsync("p", "r", null, It.IsAny<CancellationToken>())).ReturnsAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var service = new Mock<TableServiceClient>();
        service.Setup(s => s.GetTableClient("Orders")).Returns(table.Object);

        TableEntity? entity = await service.Object.GetTableClient("Orders").GetEntityAsync("p", "r");

        Assert.Equal(1, entity!.GetInt32("V"));
    }

    [Fact]
    public async Task QueueClient_Mocked_RecordsSend()
    {
        var queue = new Mock<QueueClient>();
        queue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), null, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SendReceipt("id", "pop", null, null, null));
        var service = new Mock<QueueServiceClient>();
        service.Setup(s => s.GetQueueClient("poll-requests")).Returns(queue.Object);

        SendReceipt receipt = await service.Object.GetQueueClient("poll-requests").SendMessageAsync("{}");

        Assert.Equal("id", receipt.MessageId);
        queue.Verify(q => q.SendMessageAsync("{}", null, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task TableClient_MockedUpdate_CanThrowPreconditionFailed()
    {
        var table = new Mock<TableClient>();
        table.Setup(t => t.UpdateEntityAsync(It.IsAny<TableEntity>(), It.IsAny<ETag>(), TableUpdateMode.Merge, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new PreconditionFailedException());

        RequestFailedException error = await Assert.ThrowsAsync<PreconditionFailedException>(
            () => table.Object.UpdateEntityAsync(new TableEntity("p", "r"), new ETag("x")));

        Assert.Equal(412, error.Status);
    }
}
