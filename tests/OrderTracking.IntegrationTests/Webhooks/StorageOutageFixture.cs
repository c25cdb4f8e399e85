using OrderTracking.Azurite;
using OrderTracking.DevHost;
using OrderTracking.IntegrationTests.Infrastructure;
using OrderTracking.Testing;

namespace OrderTracking.IntegrationTests.Webhooks;

/// <summary>
/// The function app on its own Azurite, which a test can stop (<see cref="StopStorageAsync"/>) to see how webhooks
/// behave when storage becomes unreachable. Only HTTP is exercised, so host.json is used unpatched.
/// </summary>
public sealed class StorageOutageFixture : IAsyncLifetime
{
    private string? _appRoot;
    private AzuriteInstance? _azurite;
    private DevHostServer? _host;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { InMemory = true });
        _appRoot = RepositoryLayout.CopyToTemp(RepositoryPaths.FunctionAppOutput, "ot-app-outage-");
        var options = new DevHostOptions { AppRoot = _appRoot, Port = 0, StorageConnectionString = _azurite.ConnectionString, FunctionKey = FunctionAppFixture.FunctionKey };
        options.Settings["Shopify:WebhookSecrets"] = FunctionAppFixture.ShopifySecret;
        options.Settings["Stripe:WebhookSecrets"] = FunctionAppFixture.StripeSecret;
        options.Settings["Tracking:ReadTokenKey"] = FunctionAppFixture.ReadTokenKey;
        options.Settings["PollSchedule"] = "0 0 0 1 1 *";
        _host = await DevHostServer.StartAsync(options);
        Client = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Stops Azurite: every storage call of the handler now fails to connect.</summary>
    public async Task StopStorageAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
            _azurite = null;
        }
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await StopStorageAsync();
        RepositoryLayout.TryDelete(_appRoot);
    }
}
