using System.Globalization;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrderTracking.Carriers;
using OrderTracking.Carriers.Limits;
using OrderTracking.Functions.Polling;
using OrderTracking.Functions.Storage;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Polling;

/// <summary>
/// <c>SchedulePolls</c> dying mid-tick (found by the scaled drain, where a worker killed during the tick left its rows
/// leased for five minutes): each lease transaction's rows are sent before the next is leased, so a crash strands at
/// most one transaction's rows, and the next tick sends every row that is still due exactly once.
/// </summary>
public sealed class PollSchedulerCrashTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Due = 300;
    private const int SendsBeforeTheCrash = 60;

    [Fact]
    public async Task SendsFailMidTick_AtMostOneTransactionOfRowsIsLeftWithoutARequest_TheNextTickSendsTheRest()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 30, TimeSpan.Zero));
        var crashing = new CrashAfterSends(SendsBeforeTheCrash);
        QueueServiceClient crashingQueues = azurite.Connection.CreateQueueServiceClient(
            new QueueClientOptions { Transport = new HttpClientTransport(new HttpClient(crashing)), Retry = { MaxRetries = 0 } });
        var storage = new StorageContext(azurite.TableServiceClient, azurite.QueueServiceClient);
        await storage.EnsureCreatedAsync(CancellationToken.None);
        TableClient schedule = storage.Table(TableNames.PollSchedule);
        for (int i = 0; i < Due; i += PollScheduleStore.MaxRowsPerTransaction)
        {
            await schedule.SubmitTransactionAsync(Enumerable.Range(i, PollScheduleStore.MaxRowsPerTransaction).Select(n =>
            {
                string number = "JJD" + n.ToString("D10", CultureInfo.InvariantCulture);
                return new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(PollScheduleStore.Partition("dhl", 0), PollScheduleStore.RowKey(time.GetUtcNow().AddMinutes(-1), number))
                {
                    ["TrackingNumber"] = number,
                    ["RegisteredAt"] = time.GetUtcNow().AddDays(-1),
                });
            }));
        }

        await using ServiceProvider carriers = Carriers();
        await Assert.ThrowsAnyAsync<Exception>(() => Scheduler(new StorageContext(azurite.TableServiceClient, crashingQueues), carriers, time).RunOnceAsync(CancellationToken.None));

        QueueClient requests = storage.Queue(QueueNames.PollRequests);
        int sent = (await requests.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        int leased = await LeasedAsync(schedule, time.GetUtcNow());
        Assert.Equal(SendsBeforeTheCrash, sent);
        Assert.InRange(leased - sent, 0, PollScheduleStore.MaxRowsPerTransaction); // before: all 300 leased, 240 stranded

        // The next tick (on an instance whose queue works) sends every row still due, once.
        time.Advance(TimeSpan.FromMinutes(1));
        int next = await Scheduler(storage, carriers, time).RunOnceAsync(CancellationToken.None);
        Assert.Equal(Due - leased, next);
        Assert.Equal(sent + next, (await requests.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(Due, await LeasedAsync(schedule, time.GetUtcNow())); // and now every row is leased: none sent twice, none left due
    }

    /// <summary>Rows moved forward past <paramref name="now"/> (leased): the seeded rows were due a minute before the first tick.</summary>
    private static async Task<int> LeasedAsync(TableClient schedule, DateTimeOffset now)
    {
        int leased = 0;
        await foreach (TableEntity row in schedule.QueryAsync<TableEntity>($"PartitionKey eq '{PollScheduleStore.Partition("dhl", 0)}'", select: ["RowKey"]))
        {
            leased += new DateTimeOffset(long.Parse(row.RowKey[..19], CultureInfo.InvariantCulture), TimeSpan.Zero) > now ? 1 : 0;
        }

        return leased;
    }

    private static ServiceProvider Carriers()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Carriers:Dhl:ApiKey"] = "key",
            ["Carriers:Dhl:RequestsPerSecond"] = "50",
            ["Carriers:Dhl:RequestsPerDay"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCarriers(configuration);
        return services.BuildServiceProvider();
    }

    private static PollScheduler Scheduler(StorageContext storage, ServiceProvider carriers, FakeTimeProvider time) => new(
        carriers.GetRequiredService<CarrierRegistry>(), carriers.GetRequiredService<CarrierBudget>(), new SharedCarrierPermits(storage, time, NullLogger<SharedCarrierPermits>.Instance),
        new PollScheduleStore(storage), new CarrierStateStore(storage), storage, new PollingOptions { TickInterval = TimeSpan.FromMinutes(1), ShardCount = 1, MaxRequestsPerTick = 5000 },
        time, NullLogger<PollScheduler>.Instance);

    /// <summary>Lets <paramref name="sends"/> message sends through, then fails every request, as a dead process would.</summary>
    private sealed class CrashAfterSends(int sends) : DelegatingHandler(new HttpClientHandler())
    {
        private int _sent;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            bool isSend = request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/messages", StringComparison.Ordinal);
            return isSend && Interlocked.Increment(ref _sent) > sends
                ? throw new HttpRequestException("the process died")
                : base.SendAsync(request, cancellationToken);
        }
    }
}
