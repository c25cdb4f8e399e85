using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrderTracking.Azure.Storage;

/// <summary>DI registration of the storage clients.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StorageConnection"/> (from <c>AzureWebJobsStorage</c>, read when first resolved),
    /// the SDK's <see cref="TableServiceClient"/> and <see cref="QueueServiceClient"/> (Base64 messages, as the queue
    /// trigger reads them) as singletons: one pipeline and connection pool per process. Registered
    /// <see cref="TableClientOptions"/> / <see cref="QueueClientOptions"/> singletons, if any, are used.
    /// </summary>
    public static IServiceCollection AddOrderTrackingStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(_ => StorageConnection.FromConfiguration(configuration));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient(sp.GetService<TableClientOptions>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateQueueServiceClient(sp.GetService<QueueClientOptions>()));
        return services;
    }
}
