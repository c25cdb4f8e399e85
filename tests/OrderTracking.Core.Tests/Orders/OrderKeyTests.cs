using OrderTracking.Core.Orders;

namespace OrderTracking.Core.Tests.Orders;

public sealed class OrderKeyTests
{
    [Theory]
    [InlineData("shopify:450789469")]
    [InlineData("stripe:pi_3N0abc")]
    [InlineData("paypal:5O190127TN364715T")]
    [InlineData("api:A-1001")]
    public void IsValid_ContractExamples_AreValid(string key) => Assert.True(OrderKey.IsValid(key));

    [Theory]
    [InlineData("")]
    [InlineData("api:")]
    [InlineData(":A-1")]
    [InlineData("ebay:1")]
    [InlineData("api:A/1")]
    [InlineData("api:A#1")]
    [InlineData("api:A?1")]
    [InlineData("api:A\\1")]
    [InlineData("api:A\n1")]
    public void IsValid_BadKeys_AreRejected(string key) => Assert.False(OrderKey.IsValid(key));

    [Fact]
    public void Create_TooLong_Throws()
    {
        Assert.Throws<ArgumentException>(() => OrderKey.Create("api", new string('x', OrderKey.MaxLength)));
    }
}
