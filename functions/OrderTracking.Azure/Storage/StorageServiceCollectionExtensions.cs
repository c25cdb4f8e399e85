using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrderTracking.Azure.Storage;

/// <summary>DI registration of the storage clients.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StorageConnection"/> (from <c>AzureWebJobsStorage</c>, read when first resolved),
    /// <see cref="TableServiceClient"/> and <see cref="QueueServiceClient"/> as singletons. A registered
    /// <see cref="StorageClientOptions"/> singleton, if any, is used for both clients.
    /// </summary>
    public static IServiceCollection AddOrderTrackingStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(_ => StorageConnection.FromConfiguration(configuration));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient(sp.GetService<StorageClientOptions>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateQueueServiceClient(sp.GetService<StorageClientOptions>()));
        return services;
    }
}
