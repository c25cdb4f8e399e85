using System.Reflection;
using System.Text.Json;
using global::Azure.Storage.Queues;
using global::Azure.Storage.Queues.Models;
using OrderTracking.Testing;

namespace OrderTracking.DevHost.Tests.Support;

/// <summary>
/// A DevHost over the isolated-worker TestApp (tests/OrderTracking.DevHost.TestApp): unique queues, a fresh record
/// folder, and helpers to send messages and read what the functions recorded.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    public const string YearlySchedule = "0 0 0 1 1 *";

    private TestApp(string connectionString, DevHostServer server, string recordDirectory, IReadOnlyDictionary<string, string> queues)
    {
        ConnectionString = connectionString;
        Server = server;
        RecordDirectory = recordDirectory;
        Queues = queues;
        Client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public static string AppRoot { get; } = typeof(TestApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TestAppRoot").Value!;

    public string ConnectionString { get; }

    public DevHostServer Server { get; }

    public HttpClient Client { get; }

    public string RecordDirectory { get; }

    /// <summary>Setting name (WorkQueue, EmitQueue, DoneQueue, RawQueue) → this instance's queue name.</summary>
    public IReadOnlyDictionary<string, string> Queues { get; }

    public static async Task<TestApp> StartAsync(string connectionString, Action<DevHostOptions>? configure = null, string tickSchedule = YearlySchedule, string? appRoot = null)
    {
        string records = Path.Combine(Path.GetTempPath(), "devhost-testapp", Guid.NewGuid().ToString("N"));
        var queues = new Dictionary<string, string>
        {
            ["WorkQueue"] = StorageTestNames.NewQueueName("work"),
            ["EmitQueue"] = StorageTestNames.NewQueueName("emit"),
            ["DoneQueue"] = StorageTestNames.NewQueueName("done"),
            ["RawQueue"] = StorageTestNames.NewQueueName("raw"),
        };
        var options = new DevHostOptions
        {
            AppRoot = appRoot ?? AppRoot,
            Port = 0,
            StorageConnectionString = connectionString,
            FunctionKey = "test-key",
            QueuePollingIntervalOverride = TimeSpan.FromMilliseconds(200),
        };
        foreach ((string key, string value) in queues)
        {
            options.Settings[key] = value;
        }

        options.Settings["TickSchedule"] = tickSchedule;
        options.Settings["TestApp:RecordDirectory"] = records;
        configure?.Invoke(options);
        DevHostServer server = await DevHostServer.StartAsync(options);
        return new TestApp(connectionString, server, records, queues);
    }

    public QueueClient Queue(string setting, bool base64 = true) =>
        new(ConnectionString, Queues[setting], new QueueClientOptions { MessageEncoding = base64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None });

    public async Task SendAsync(string setting, string text)
    {
        QueueClient queue = Queue(setting);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(text);
    }

    /// <summary>Every record of <paramref name="kind"/> written so far (start, done, tick, raw).</summary>
    public IReadOnlyList<JsonElement> Records(string kind)
    {
        if (!Directory.Exists(RecordDirectory))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(RecordDirectory, kind + ".*.json").Order(StringComparer.Ordinal).Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.Clone())];
    }

    /// <summary>Waits until <paramref name="condition"/> holds on the records of <paramref name="kind"/>, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForRecordsAsync(string kind, Func<IReadOnlyList<JsonElement>, bool> condition, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            IReadOnlyList<JsonElement> records = Records(kind);
            if (condition(records))
            {
                return records;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{kind}' records did not meet the condition within {timeout}; have {records.Count}. Log tail:{Environment.NewLine}{string.Join(Environment.NewLine, Server.HandlerLogs.TakeLast(30))}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Receives (and deletes) every message now in the queue of <paramref name="setting"/>.</summary>
    public async Task<IReadOnlyList<string>> DrainAsync(string setting, string? queueName = null, bool base64 = true)
    {
        var client = new QueueClient(ConnectionString, queueName ?? Queues[setting], new QueueClientOptions { MessageEncoding = base64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None });
        if (!(await client.ExistsAsync()).Value)
        {
            return [];
        }

        var texts = new List<string>();
        while (true)
        {
            QueueMessage[] batch = (await client.ReceiveMessagesAsync(32)).Value;
            if (batch.Length == 0)
            {
                return texts;
            }

            foreach (QueueMessage message in batch)
            {
                texts.Add(message.MessageText);
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        if (Directory.Exists(RecordDirectory))
        {
            Directory.Delete(RecordDirectory, recursive: true);
        }
    }
}
