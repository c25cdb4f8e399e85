namespace OrderTracking.Carriers.Tests.Detection;

public sealed class CarrierResolverTests
{
    private readonly CarrierResolver _resolver = new();

    // Published valid samples: carriers.md §1/§3/§5 and jkeen/tracking_number_data (MIT) test numbers.
    [Theory]
    [InlineData("1Z5R89390357567127", "ups")]
    [InlineData("1Z879E930346834440", "ups")]
    [InlineData("1Z410E7W0392751591", "ups")]
    [InlineData("1Z8V92A70367203024", "ups")]
    [InlineData("1Z1442YY7229014688", "ups")]
    [InlineData("986578788855", "fedex")]
    [InlineData("477179081230", "fedex")]
    [InlineData("568838414941", "fedex")]
    [InlineData("797806677146", "fedex")]
    [InlineData("041441760228964", "fedex")]
    [InlineData("568283610012734", "fedex")]
    [InlineData("449044304137821", "fedex")]
    [InlineData("122816215025810", "fedex")]
    [InlineData("076288115212522", "fedex")]
    [InlineData("9611020987654312345672", "fedex")]
    [InlineData("61299998820821171811", "fedex")]
    [InlineData("03071790000523483741", "usps")]
    [InlineData("71123456789123456787", "usps")]
    [InlineData("9400111201080805483016", "usps")]
    [InlineData("9361289878700317633795", "usps")]
    [InlineData("9405803699300124287899", "usps")]
    [InlineData("9505511069605048600624", "usps")]
    [InlineData("92748931507708513018050063", "usps")]
    [InlineData("9400109104250532908587", "usps")]
    [InlineData("4201002334249200190132607600833457", "usps")]
    [InlineData("420221539101026837331000039521", "usps")]
    [InlineData("EA123456785US", "usps")]
    [InlineData("RR123456785DE", "dhl")]
    [InlineData("3318810025", "dhl")]
    [InlineData("73891051146", "dhl")]
    [InlineData("8487135506", "dhl")]
    [InlineData("7777777770", "dhl")]
    [InlineData("JJD0099999999", "dhl")]
    [InlineData("GM2951173225174494", "dhl")]
    [InlineData("SBX4000123", "sandbox")]
    public void Resolve_ValidNumber_DetectsCarrier(string number, string expected)
    {
        IReadOnlyList<string> ranked = _resolver.Resolve(null, number);

        Assert.Contains(expected, ranked);
    }

    [Theory]
    [InlineData("1Z5R89390357567127", "ups")]
    [InlineData("986578788855", "fedex")]
    [InlineData("9400111201080805483016", "usps")]
    [InlineData("3318810025", "dhl")]
    [InlineData("SBX1", "sandbox")]
    public void Resolve_UnambiguousNumber_RanksCarrierFirst(string number, string expected)
    {
        Assert.Equal(expected, _resolver.Resolve(null, number)[0]);
    }

    // Same samples with the check digit changed (or otherwise broken).
    [Theory]
    [InlineData("1Z5R89390357567128")]
    [InlineData("1Z1111111111111111")]
    [InlineData("2Z5R89390357567127")]
    [InlineData("996578788855")]
    [InlineData("568283610012732")]
    [InlineData("9611020987654312345673")]
    [InlineData("9400111201080805483017")]
    [InlineData("4201028200009261290113185417468511")]
    [InlineData("EA123456784US")]
    [InlineData("3318810010")]
    [InlineData("3318810034")]
    [InlineData("1234567890")]
    [InlineData("HELLO")]
    [InlineData("")]
    public void Resolve_InvalidNumber_ReturnsEmpty(string number)
    {
        Assert.Empty(_resolver.Resolve(null, number));
    }

    [Theory]
    [InlineData("UPS", "ups")]
    [InlineData(" united parcel service ", "ups")]
    [InlineData("FedEx", "fedex")]
    [InlineData("Federal Express", "fedex")]
    [InlineData("USPS", "usps")]
    [InlineData("United States Postal Service", "usps")]
    [InlineData("DHL", "dhl")]
    [InlineData("DHL Express", "dhl")]
    [InlineData("dhl ecommerce", "dhl")]
    [InlineData("Sandbox", "sandbox")]
    public void MapPlatformCarrierName_KnownName_MapsToCode(string name, string expected)
    {
        Assert.Equal(expected, CarrierResolver.MapPlatformCarrierName(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Canada Post")]
    [InlineData("Other")]
    public void MapPlatformCarrierName_UnknownName_ReturnsNull(string? name)
    {
        Assert.Null(CarrierResolver.MapPlatformCarrierName(name));
    }

    [Fact]
    public void Resolve_PlatformNameDisagreesWithFormat_PlatformFirstThenDetected()
    {
        Assert.Equal(["fedex", "ups"], _resolver.Resolve("FedEx", "1Z5R89390357567127"));
    }

    [Fact]
    public void Resolve_PlatformNameAgreesWithFormat_NoDuplicates()
    {
        Assert.Equal(["ups"], _resolver.Resolve("UPS", "1z5r8939 0357-567127"));
    }

    [Fact]
    public void Resolve_UnknownPlatformNameAndUnknownNumber_ReturnsEmpty()
    {
        Assert.Empty(_resolver.Resolve("Canada Post", "ABC"));
    }

    [Fact]
    public void Resolve_CollidingNumber_ListsEveryCandidate()
    {
        // DHL Paket piece code that also passes the USPS 20 check (carriers.md §5 collision note).
        IReadOnlyList<string> ranked = _resolver.Resolve(null, "00340434292135100124");

        Assert.Contains("usps", ranked);
        Assert.Equal(ranked.Count, ranked.Distinct().Count());
    }

    [Fact]
    public void NextCandidate_AfterFirstNotFound_ReturnsSecondThenNull()
    {
        Assert.Equal("ups", _resolver.NextCandidate("FedEx", "1Z5R89390357567127", "fedex"));
        Assert.Null(_resolver.NextCandidate("FedEx", "1Z5R89390357567127", "ups"));
    }

    [Fact]
    public void NextCandidate_CurrentNotRanked_ReturnsFirstRanked()
    {
        Assert.Equal("ups", _resolver.NextCandidate(null, "1Z5R89390357567127", "dhl"));
    }

    [Theory]
    [InlineData(" 1z5r-8939 0357 567127 ", "1Z5R89390357567127")]
    [InlineData("sbx4-001", "SBX4001")]
    [InlineData("\t9400 1112 0108 0805 4830 16\n", "9400111201080805483016")]
    public void NormalizeTrackingNumber_SpacesDashesCase_Normalized(string input, string expected)
    {
        Assert.Equal(expected, CarrierResolver.NormalizeTrackingNumber(input));
    }
}
