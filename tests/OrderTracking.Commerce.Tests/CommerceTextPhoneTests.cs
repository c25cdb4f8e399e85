using OrderTracking.Commerce;

namespace OrderTracking.Commerce.Tests;

/// <summary>Platform phone numbers become E.164 only when they carry a country code; nothing is guessed.</summary>
public sealed class CommerceTextPhoneTests
{
    [Theory]
    [InlineData("+34 600 000 000", "+34600000000")]
    [InlineData("+1 (415) 555-0100", "+14155550100")]
    [InlineData("+44.20.7946.0958", "+442079460958")]
    [InlineData("555-625-1199", null)]     // no country code: not texted rather than texted to the wrong country
    [InlineData("+1 415 CALL NOW", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Phone(string? platform, string? expected) => Assert.Equal(expected, CommerceText.Phone(platform));
}
