using OrderTracking.Core.Notifications;

namespace OrderTracking.Core.Tests.Notifications;

public sealed class NotificationLedgerKeyTests
{
    [Theory]
    [InlineData(Milestone.Shipped, "ups|1Z999AA10123456784|shipped")]
    [InlineData(Milestone.OutForDelivery, "ups|1Z999AA10123456784|outForDelivery")]
    [InlineData(Milestone.Delivered, "ups|1Z999AA10123456784|delivered")]
    [InlineData(Milestone.Exception, "ups|1Z999AA10123456784|exception")]
    public void RowKey_Milestone_IsCarrierNumberAndWireName(Milestone milestone, string expected)
    {
        Assert.Equal(expected, NotificationLedgerKey.RowKey("ups", "1Z999AA10123456784", milestone));
    }

    [Fact]
    public void RowKey_DelayedEpisode_CarriesEpisodeSuffix()
    {
        Assert.Equal("ups|1Z9|delayed-s20261119T100000Z", NotificationLedgerKey.RowKey("ups", "1Z9", Milestone.Delayed, "s20261119T100000Z"));
    }

    [Fact]
    public void MilestoneSegment_DelayedWithoutEpisode_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => NotificationLedgerKey.MilestoneSegment(Milestone.Delayed));
        Assert.Throws<ArgumentException>(() => NotificationLedgerKey.MilestoneSegment(Milestone.Shipped, "s1"));
        Assert.Throws<ArgumentException>(() => NotificationLedgerKey.MilestoneSegment(Milestone.Delayed, "a/b"));
    }

    [Fact]
    public void OperationId_SameInputs_SameUuidAndDifferentMilestonesDiffer()
    {
        string shipped = NotificationLedgerKey.OperationId("shopify:450789469", "ups|1Z9|shipped");
        string again = NotificationLedgerKey.OperationId("shopify:450789469", "ups|1Z9|shipped");
        string delivered = NotificationLedgerKey.OperationId("shopify:450789469", "ups|1Z9|delivered");
        string otherOrder = NotificationLedgerKey.OperationId("shopify:450789470", "ups|1Z9|shipped");

        Assert.Equal(shipped, again);
        Assert.NotEqual(shipped, delivered);
        Assert.NotEqual(shipped, otherOrder);
        Assert.True(Guid.TryParseExact(shipped, "D", out _));
    }

    [Fact]
    public void DeterministicGuid_Create_SetsVersion8AndRfcVariant()
    {
        string uuid = DeterministicGuid.Create("anything").ToString("D");

        Assert.Equal('8', uuid[14]);
        Assert.Contains(uuid[19], "89ab");
    }

    [Fact]
    public void DeterministicGuid_FromOperationId_KeepsAnExistingUuid()
    {
        var existing = Guid.Parse("8540c0de-899f-5cce-acb5-3ec493af3800");

        Assert.Equal(existing, DeterministicGuid.FromOperationId("8540c0de-899f-5cce-acb5-3ec493af3800"));
        Assert.NotEqual(existing, DeterministicGuid.FromOperationId("not-a-uuid"));
    }

    [Theory]
    [InlineData(Milestone.Shipped)]
    [InlineData(Milestone.OutForDelivery)]
    [InlineData(Milestone.Delivered)]
    [InlineData(Milestone.Exception)]
    [InlineData(Milestone.Delayed)]
    public void WireName_RoundTripsThroughParseAndJson(Milestone milestone)
    {
        Assert.True(MilestoneExtensions.TryParseWireName(milestone.ToWireName(), out Milestone parsed));
        Assert.Equal(milestone, parsed);
        Assert.Equal($"\"{milestone.ToWireName()}\"", System.Text.Json.JsonSerializer.Serialize(milestone));
    }
}
