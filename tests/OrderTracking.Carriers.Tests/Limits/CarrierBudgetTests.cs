using Microsoft.Extensions.Configuration;
using OrderTracking.Carriers.Http;
using OrderTracking.Carriers.Limits;
using OrderTracking.Testing;

namespace OrderTracking.Carriers.Tests.Limits;

public sealed class CarrierBudgetTests
{
    [Fact]
    public void FromConfiguration_NoSettings_PublishedDefaults()
    {
        CarrierBudget budget = CarrierBudget.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.Equal((140d, 100_000, 30), (budget.For("fedex").RequestsPerSecond, budget.For("fedex").RequestsPerDay, budget.MaxBatch("fedex")));
        Assert.Equal((1d, 250, 1), (budget.For("dhl").RequestsPerSecond, budget.For("dhl").RequestsPerDay, budget.MaxBatch("dhl")));
        Assert.Equal(1, budget.For("usps").RequestsPerMinute);
        Assert.Equal(1, budget.MaxBatch("ups"));
    }

    [Fact]
    public void FromConfiguration_Overrides_Bound()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Carriers:Dhl:RequestsPerSecond"] = "2",
            ["Carriers:Dhl:RequestsPerDay"] = "1000",
            ["Carriers:FedEx:MaxBatch"] = "10",
        }).Build();

        CarrierBudget budget = CarrierBudget.FromConfiguration(configuration);

        Assert.Equal((2d, 1000), (budget.For("dhl").RequestsPerSecond, budget.For("dhl").RequestsPerDay));
        Assert.Equal(10, budget.MaxBatch("fedex"));
    }

    [Fact]
    public void FromConfiguration_ZeroRate_Throws()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Carriers:Ups:RequestsPerSecond"] = "0",
        }).Build();

        Assert.Throws<InvalidOperationException>(() => CarrierBudget.FromConfiguration(configuration));
    }

    [Fact]
    public void MaxRequestsIn_DailyCapBinds_SpreadsCapOverDay()
    {
        CarrierBudget budget = CarrierBudget.FromConfiguration(new ConfigurationBuilder().Build());

        // DHL: 1/s would allow 60 a minute, but 250/day spread evenly is 0.17 a minute → at least 1.
        Assert.Equal(1, budget.MaxRequestsIn("dhl", TimeSpan.FromMinutes(1)));
        Assert.Equal(17, budget.MaxRequestsIn("dhl", TimeSpan.FromHours(24 * 17 / 250.0 + 0.01)));
        // FedEx: 140/s × 60 s = 8,400 by rate; 100,000/day → 69 a minute binds.
        Assert.Equal(69, budget.MaxRequestsIn("fedex", TimeSpan.FromMinutes(1)));
        Assert.Equal(69 * 30, budget.MaxNumbersIn("fedex", TimeSpan.FromMinutes(1)));
    }

    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(2.0, 1)]
    [InlineData(140.0, 2)]
    public void CreateBucketOptions_RefillsBelowPublishedRateWithoutBurst(double rate, int tokensPerPeriod)
    {
        var options = CarrierRateLimiter.CreateBucketOptions(rate);

        double effective = options.TokensPerPeriod / options.ReplenishmentPeriod.TotalSeconds;
        Assert.Equal(tokensPerPeriod, options.TokensPerPeriod);
        Assert.Equal(options.TokensPerPeriod, options.TokenLimit);
        Assert.InRange(effective / rate, 0.86, 0.88);
    }

    [Fact]
    public async Task OAuthTokenCache_BeforeAndAfterExpiry_RefetchesOnlyAfter()
    {
        var clock = new FakeTimeProvider();
        using var cache = new OAuthTokenCache(clock);
        int fetches = 0;
        Task<OAuthToken> Fetch(CancellationToken _) => Task.FromResult(new OAuthToken($"t{++fetches}", TimeSpan.FromMinutes(60)));

        Assert.Equal("t1", await cache.GetAsync(Fetch, default));
        clock.Advance(TimeSpan.FromMinutes(58));
        Assert.Equal("t1", await cache.GetAsync(Fetch, default));
        clock.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal("t2", await cache.GetAsync(Fetch, default));
        cache.Invalidate("t1");
        Assert.Equal("t2", await cache.GetAsync(Fetch, default));
        cache.Invalidate("t2");
        Assert.Equal("t3", await cache.GetAsync(Fetch, default));
    }
}
