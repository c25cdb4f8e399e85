using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Carriers;

/// <summary>
/// The whole system with UPS, FedEx, USPS and DHL enabled and every base URL pointed at one loopback
/// <see cref="CarrierStubServer"/>, started before the DevHost so its address can go into the settings.
/// Limits are raised so the 1-second test cadence never meets the local limiter (USPS defaults to 1/min).
/// </summary>
public sealed class CarrierStubAppFixture : FunctionAppFixture, IAsyncLifetime
{
    private CarrierStubServer? _stub;

    internal CarrierStubServer Stub => _stub ?? throw new InvalidOperationException("not started");

    protected override IReadOnlyDictionary<string, string?> ExtraSettings
    {
        get
        {
            string baseUrl = Stub.BaseUrl.ToString();
            var settings = new Dictionary<string, string?>
            {
                ["Carriers:Dhl:ApiKey"] = CarrierStubServer.DhlApiKey,
            };
            foreach (string carrier in new[] { "Ups", "FedEx", "Usps", "Dhl" })
            {
                settings[$"Carriers:{carrier}:BaseUrl"] = baseUrl;
                settings[$"Carriers:{carrier}:RequestsPerSecond"] = "50";
                settings[$"Carriers:{carrier}:RequestsPerDay"] = "1000000";
                if (carrier != "Dhl")
                {
                    settings[$"Carriers:{carrier}:ClientId"] = $"{carrier.ToLowerInvariant()}-client";
                    settings[$"Carriers:{carrier}:ClientSecret"] = $"{carrier.ToLowerInvariant()}-secret";
                }
            }

            return settings;
        }
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        _stub = await CarrierStubServer.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_stub is not null)
        {
            await _stub.DisposeAsync();
        }
    }
}
