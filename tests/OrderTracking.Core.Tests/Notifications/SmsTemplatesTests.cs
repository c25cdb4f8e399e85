using OrderTracking.Core.Notifications;

namespace OrderTracking.Core.Tests.Notifications;

public sealed class SmsTemplatesTests
{
    private static readonly Uri s_link = new("https://ot.example.com/api/track?orderKey=api%3AA-1&token=1.x");

    [Theory]
    [InlineData("+14155550100", true)]
    [InlineData("+34600000001", true)]
    [InlineData("+441234567890123", true)]   // 15 digits: the E.164 maximum
    [InlineData("+4412345678901234", false)] // 16 digits
    [InlineData("14155550100", false)]       // no +
    [InlineData("+1 415 555 0100", false)]
    [InlineData("+1-415-555-0100", false)]
    [InlineData("+01234567", false)]         // country codes do not start with 0
    [InlineData("+123456", false)]           // too short
    [InlineData("+١٤١٥٥٥٥٠١٠٠", false)]      // non-ASCII digits
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsE164(string? value, bool expected) => Assert.Equal(expected, PhoneNumber.IsE164(value));

    [Theory]
    [InlineData(Milestone.OutForDelivery, "en", "Order #1001: your package is out for delivery today. ")]
    [InlineData(Milestone.Delivered, "en-US", "Order #1001: your package was delivered. ")]
    [InlineData(Milestone.Exception, null, "Order #1001: there is a problem with your delivery. See what happens next: ")]
    [InlineData(Milestone.OutForDelivery, "es-MX", "Pedido #1001: tu paquete está en reparto hoy. ")]
    [InlineData(Milestone.Delivered, "es", "Pedido #1001: tu paquete ha sido entregado. ")]
    [InlineData(Milestone.Exception, "es_419", "Pedido #1001: hay una incidencia con tu entrega. Qué pasa ahora: ")]
    public void Render_OneLineWithTheLink_InTheOrdersLanguage(Milestone milestone, string? locale, string expected) =>
        Assert.Equal(expected + s_link.AbsoluteUri, SmsTemplates.Render(milestone, locale, "#1001", s_link));

    [Theory]
    [InlineData(Milestone.Shipped)]
    [InlineData(Milestone.Delayed)]
    public void Render_MilestonesThatAreNotTexted_GiveNothing(Milestone milestone)
    {
        Assert.Null(SmsTemplates.Render(milestone, "en", "1", s_link));
        Assert.DoesNotContain(milestone, SmsTemplates.Milestones);
    }

    [Fact]
    public void Render_ControlCharactersInTheOrderNumber_DoNotBreakTheLine() =>
        Assert.DoesNotContain('\n', SmsTemplates.Render(Milestone.Delivered, "en", "A\r\n1", s_link)!);
}
