using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderTracking.Carriers.Sandbox;
using OrderTracking.Core.Carriers;

namespace OrderTracking.Carriers;

/// <summary>DI registration of the carriers (configuration keys: DESIGN §10, docs/carriers.md).</summary>
public static class CarrierServiceCollectionExtensions
{
    /// <summary>
    /// Registers every enabled <see cref="ICarrierTracker"/> (the sandbox always; UPS, FedEx, USPS and DHL when their
    /// credentials are set or <c>Carriers:{Carrier}:Enabled</c> is true), <see cref="CarrierResolver"/> and
    /// <see cref="CarrierRegistry"/>. Options are validated at start.
    /// </summary>
    public static IServiceCollection AddCarriers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CarrierResolver>();
        services.TryAddSingleton<CarrierRegistry>();

        services.AddOptions<SandboxOptions>()
            .Bind(configuration.GetSection(SandboxOptions.SectionName))
            .Validate(o => o.StepSeconds >= 1, "Carriers:Sandbox:StepSeconds must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<ICarrierTracker, SandboxCarrierTracker>();
        return services;
    }
}
