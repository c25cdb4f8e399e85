using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderTracking.Functions;
using OrderTracking.Functions.Polling;

namespace OrderTracking.Functions.Tests.Hosting;

/// <summary>Bad options stop the app at registration with the key named, instead of failing in the first tick.</summary>
public sealed class OptionsValidationTests
{
    private static readonly Dictionary<string, string?> s_valid = new()
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["Tracking:ReadTokenKey"] = "options-test-key-0123456789",
        ["PollSchedule"] = "0 */1 * * * *",
    };

    [Theory]
    [InlineData("Polling:ShardCount", "0", "Polling:ShardCount must be between 1 and 99")]
    [InlineData("Polling:ShardCount", "100", "Polling:ShardCount must be between 1 and 99")]
    [InlineData("Polling:MaxRequestsPerTick", "0", "Polling:MaxRequestsPerTick must be at least 1")]
    [InlineData("Polling:Lease", "00:00:00", "Polling:Lease must be positive")]
    [InlineData("Polling:Cadence:Jitter", "1.5", "Polling:Cadence:Jitter must be at least 0 and below 1")]
    [InlineData("Polling:Cadence:InTransit", "-00:05:00", "Polling:Cadence:InTransit must be positive")]
    [InlineData("Polling:Cadence:NotFoundInitial", "2.00:00:00", "must not exceed NotFoundMax")]
    [InlineData("Polling:Cadence:EtaDayStart", "1.02:00:00", "Polling:Cadence:EtaDayStart must be a time of day")]
    [InlineData("Polling:Cadence:DeliveryWindow", "1.06:00:00", "Polling:Cadence:DeliveryWindow must not exceed a day")]
    [InlineData("Polling:Cadence:BeforeEta", "00:00:00", "Polling:Cadence:BeforeEta must be positive")]
    [InlineData("Polling:Cadence:PickupWindowStart", "1.02:00:00", "Polling:Cadence:PickupWindowStart must be a time of day")]
    [InlineData("Polling:Cadence:PickupWindow", "00:00:00", "Polling:Cadence:PickupWindow must be positive and at most a day")]
    [InlineData("Notifications:StalledAfter", "00:00:00", "Notifications:StalledAfter must be positive")]
    [InlineData("Retention:FinishedAfter", "12:00:00", "Retention:FinishedAfter must be at least 1 day")]
    public void AddFunctionApp_WithABadValue_ThrowsNamingTheKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>(s_valid) { [key] = value };

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddFunctionApp(Configuration(settings)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFunctionApp_WithAPickupWindow_InAnUnknownTimeZone_ThrowsNamingTheKey()
    {
        var settings = new Dictionary<string, string?>(s_valid) { ["Polling:Cadence:PickupWindowStart"] = "16:00:00", ["Polling:Cadence:ShipFromTimeZone"] = "Europe/Atlantis" };

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddFunctionApp(Configuration(settings)));

        Assert.Contains("Polling:Cadence:ShipFromTimeZone 'Europe/Atlantis' is not a time zone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFunctionApp_WithDefaults_RegistersTheBoundOptions()
    {
        ServiceCollection services = new();

        services.AddFunctionApp(Configuration(new Dictionary<string, string?>(s_valid) { ["Polling:ShardCount"] = "8" }));

        PollingOptions polling = (PollingOptions)services.Single(d => d.ServiceType == typeof(PollingOptions)).ImplementationInstance!;
        Assert.Equal(8, polling.ShardCount);
    }

    [Fact]
    public void AddFunctionApp_BindsTheDailyPickupWindow()
    {
        ServiceCollection services = new();

        services.AddFunctionApp(Configuration(new Dictionary<string, string?>(s_valid) { ["Polling:Cadence:PickupWindowStart"] = "16:30:00", ["Polling:Cadence:ShipFromTimeZone"] = "America/Chicago" }));

        var cadence = (OrderTracking.Core.Polling.PollCadenceOptions)services.Single(d => d.ServiceType == typeof(OrderTracking.Core.Polling.PollCadenceOptions)).ImplementationInstance!;
        Assert.Equal(TimeSpan.FromHours(16.5), cadence.PickupWindowStart);
        Assert.Equal("America/Chicago", cadence.ShipFromTimeZone);
        Assert.Equal(TimeSpan.FromHours(8), cadence.PickupWindow);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
