using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using OrderTracking.Azure.Storage;
using OrderTracking.Azurite;
using OrderTracking.DevHost;
using OrderTracking.Testing;

namespace OrderTracking.IntegrationTests.Infrastructure;

/// <summary>
/// The whole system for one test class: a fresh Azurite, the real handler process built from
/// <c>functions/OrderTracking.Functions</c>, and the DevHost driving it over HTTP, queues and timers.
/// The app root is a copy of the build output whose <c>host.json</c> only has faster queue polling and retry
/// timings, so a test does not wait minutes for a visibility timeout.
/// </summary>
public class FunctionAppFixture : IAsyncLifetime
{
    public const string FunctionKey = "integration-function-key";
    public const string ReadTokenKey = "integration-read-token-key-0123456789";
    public const string ShopifySecret = "integration-shopify-secret";
    public const string StripeSecret = "whsec_integration_secret";

    private AzuriteInstance? _azurite;
    private DevHostServer? _host;
    private string? _appRoot;

    public DevHostServer Host => _host ?? throw new InvalidOperationException("not started");

    public HttpClient Client { get; private set; } = null!;

    public TableServiceClient Tables { get; private set; } = null!;

    public QueueServiceClient Queues { get; private set; } = null!;

    public string OutboxDirectory { get; } = Path.Combine(Path.GetTempPath(), "ot-outbox-" + Guid.NewGuid().ToString("N"));

    /// <summary>Worker processes (instances of the scaled-out app) the DevHost runs.</summary>
    protected virtual int WorkerCount => 1;

    /// <summary>Extra or overridden app settings for a derived fixture.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { InMemory = true });
        StorageConnection connection = StorageConnection.FromConnectionString(_azurite.ConnectionString);
        Tables = connection.CreateTableServiceClient();
        Queues = connection.CreateQueueServiceClient();
        _appRoot = CopyAppRoot();

        var options = new DevHostOptions { AppRoot = _appRoot, Port = 0, StorageConnectionString = _azurite.ConnectionString, FunctionKey = FunctionKey, WorkerCount = WorkerCount };
        foreach ((string key, string? value) in DefaultSettings().Concat(ExtraSettings))
        {
            options.Settings[key] = value;
        }

        _host = await DevHostServer.StartAsync(options);
        Client = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public virtual async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        RepositoryLayout.TryDelete(_appRoot);
        RepositoryLayout.TryDelete(OutboxDirectory);
    }

    private Dictionary<string, string?> DefaultSettings() => new()
    {
        ["PollSchedule"] = "*/1 * * * * *",
        ["Polling:Cadence:Fixed"] = "00:00:01",
        ["Polling:Cadence:Jitter"] = "0",
        ["Polling:Lease"] = "00:00:20",
        ["Carriers:Sandbox:StepSeconds"] = "2",
        ["Tracking:ReadTokenKey"] = ReadTokenKey,
        ["Tracking:AllowedOrigins"] = "https://shop.example.com",
        ["Tracking:PublicBaseUrl"] = "http://localhost:7071",
        ["Shopify:WebhookSecrets"] = ShopifySecret,
        ["Stripe:WebhookSecrets"] = StripeSecret,
        ["Email:OutboxDirectory"] = OutboxDirectory,
        ["Sms:OutboxDirectory"] = Path.Combine(OutboxDirectory, "sms"),
        // The end-to-end tests count milestone emails; the confirmation email has its own tests (OrderConfirmationTests).
        ["Notifications:OrderConfirmed:Api"] = "false",
    };

    private static string CopyAppRoot()
    {
        string target = RepositoryLayout.CopyToTemp(RepositoryPaths.FunctionAppOutput, "ot-app-");

        string hostJsonPath = Path.Combine(target, "host.json");
        JsonNode hostJson = JsonNode.Parse(File.ReadAllText(hostJsonPath))!;
        JsonNode queues = hostJson["extensions"]!["queues"]!;
        queues["visibilityTimeout"] = "00:00:00.200";
        queues["maxPollingInterval"] = "00:00:00.200";
        File.WriteAllText(hostJsonPath, hostJson.ToJsonString());
        return target;
    }
}
