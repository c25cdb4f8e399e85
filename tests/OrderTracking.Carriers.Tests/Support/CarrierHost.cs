using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderTracking.Core.Carriers;

namespace OrderTracking.Carriers.Tests.Support;

/// <summary>Builds the real DI graph (AddCarriers) pointed at a stub carrier, with instant back-offs.</summary>
public sealed class CarrierHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public CarrierHost(Dictionary<string, string?> settings, TimeProvider? timeProvider = null)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(timeProvider ?? Time);
        services.AddCarriers(configuration);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public ImmediateDelayTimeProvider Time { get; } = new();

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public ICarrierTracker Tracker(string code) =>
        Get<CarrierRegistry>().TryGet(code, out ICarrierTracker? tracker) ? tracker : throw new InvalidOperationException($"{code} not enabled");

    public async Task<CarrierTrackingResult> TrackOneAsync(string code, string number)
    {
        IReadOnlyDictionary<string, CarrierTrackingResult> results = await Tracker(code).TrackAsync(
            [new CarrierTrackingRequest(number, DateTimeOffset.UtcNow)], CancellationToken.None);
        return results[number];
    }

    public void Dispose() => _provider.Dispose();
}
