using OrderTracking.Azure.Email;
using OrderTracking.Azure.Sms;
using OrderTracking.Azure.Storage;
using OrderTracking.Carriers;
using OrderTracking.Carriers.Limits;
using OrderTracking.Commerce;
using OrderTracking.Core.Polling;
using OrderTracking.Functions.Hosting;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Kpis;
using OrderTracking.Functions.Lookup;
using OrderTracking.Functions.Notifications;
using OrderTracking.Functions.Polling;
using OrderTracking.Functions.Retention;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Sync;
using OrderTracking.Functions.Tracking;
using OrderTracking.Functions.Webhooks;

namespace OrderTracking.Functions;

/// <summary>DI registration of the function app's own parts.</summary>
internal static class FunctionAppServiceCollectionExtensions
{
    public static IServiceCollection AddFunctionApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOrderTrackingStorage(configuration);
        services.AddSingleton<SharedCarrierPermits>();
        services.AddSingleton<ICarrierPermits>(sp => sp.GetRequiredService<SharedCarrierPermits>()); // before AddCarriers: one budget for every instance
        services.AddCarriers(configuration);
        services.AddCommerce(configuration);
        services.AddEmail(configuration);
        services.AddSms(configuration);

        services.AddOptions<TrackingOptions>().Bind(configuration.GetSection("Tracking"))
            .Validate(o => o.ReadTokenKeys.Count > 0 && o.ReadTokenKeys.All(k => k.Length >= 16),
                "Tracking:ReadTokenKey must hold at least one key of 16+ characters (comma separated for rotation).")
            .Validate(o => o.Lookup.PerClient >= 1 && o.Lookup.PerOrder >= 1,
                "Tracking:Lookup:PerClient and Tracking:Lookup:PerOrder must be at least 1.")
            .Validate(o => o.Lookup.Window >= TimeSpan.FromMinutes(1) && o.Lookup.Window <= TimeSpan.FromDays(1) && TimeSpan.FromDays(1).Ticks % o.Lookup.Window.Ticks == 0,
                "Tracking:Lookup:Window must be between 00:01:00 and 1.00:00:00 and divide a day (e.g. 00:15:00).")
            .ValidateOnStart();
        // Bound and checked now: a bad value stops the app at start with the key named (OptionsValidation).
        PollingOptions polling = Bind<PollingOptions>(configuration, "Polling");
        polling.TickInterval = TickInterval.FromSchedule(configuration["PollSchedule"], polling.TickInterval);
        PollCadenceOptions cadence = Bind<PollCadenceOptions>(configuration, "Polling:Cadence");
        NotificationOptions notifications = Bind<NotificationOptions>(configuration, "Notifications");
        RetentionOptions retention = Bind<RetentionOptions>(configuration, "Retention");
        OptionsValidation.ThrowIfInvalid(polling, cadence, notifications, retention);
        services.AddSingleton(retention);
        services.AddSingleton(polling);
        services.AddSingleton(cadence);
        services.AddSingleton(notifications);
        services.AddSingleton<PollCadence>();

        services.AddSingleton<StorageContext>();
        services.AddSingleton<OrderStore>();
        services.AddSingleton<PollScheduleStore>();
        services.AddSingleton<CarrierStateStore>();
        services.AddSingleton<DeadLetter>();
        services.AddSingleton<InboundQueue>();
        services.AddSingleton<WebhookReceiptStore>();
        services.AddSingleton<DelayCheckStore>();
        services.AddSingleton<KpiCheckStore>();
        services.AddSingleton<KpiStore>();
        services.AddSingleton<KpiRecorder>();
        services.AddSingleton<KpiCoverageSweeper>();
        services.AddSingleton<ExpiryStore>();
        services.AddSingleton<OrderArchiveStore>();
        services.AddSingleton<OrderArchiver>();
        services.AddSingleton<OrderLookupStore>();
        services.AddSingleton<RateLimitStore>();
        services.AddSingleton<OrderLookup>();
        services.AddSingleton<WebhookPipeline>();
        services.AddSingleton<InboundEventParser>();
        services.AddSingleton<OrderIngestor>();
        services.AddSingleton<PollScheduler>();
        services.AddSingleton<ShipmentUpdater>();
        services.AddSingleton<CarrierSwitcher>();
        services.AddSingleton<ShipmentPoller>();

        services.AddSingleton<NotificationQueue>();
        services.AddSingleton<NotificationLedgerStore>();
        services.AddSingleton<NotificationSender>();
        services.AddSingleton<ShipmentSweeper>();

        services.AddSingleton<PlatformSyncLedgerStore>();
        services.AddSingleton<PlatformSyncQueue>();
        services.AddSingleton<PlatformSyncer>();
        services.AddHostedService<WriteBackStatusLog>();

        services.AddSingleton<QueueTrigger>();
        return services;
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
