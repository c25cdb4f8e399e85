using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderTracking.Carriers.Dhl;
using OrderTracking.Carriers.FedEx;
using OrderTracking.Carriers.Http;
using OrderTracking.Carriers.Limits;
using OrderTracking.Carriers.Sandbox;
using OrderTracking.Carriers.Ups;
using OrderTracking.Carriers.Usps;
using OrderTracking.Core.Carriers;

namespace OrderTracking.Carriers;

/// <summary>DI registration of the carriers (configuration keys: DESIGN §10, docs/carriers.md).</summary>
public static class CarrierServiceCollectionExtensions
{
    /// <summary>
    /// Registers every enabled <see cref="ICarrierTracker"/> (the sandbox always; UPS, FedEx, USPS and DHL when their
    /// credentials are set or <c>Carriers:{Carrier}:Enabled</c> is true; <c>Enabled=false</c> switches one off),
    /// <see cref="CarrierResolver"/>, <see cref="CarrierRegistry"/> and <see cref="CarrierBudget"/>. Options are
    /// validated at start; an enabled carrier without credentials fails validation.
    /// </summary>
    public static IServiceCollection AddCarriers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CarrierResolver>();
        services.TryAddSingleton<CarrierRegistry>();
        services.TryAddSingleton(CarrierBudget.FromConfiguration(configuration));
        services.TryAddSingleton(new CarrierResilienceOptions());
        services.TryAddSingleton<ICarrierPermits>(sp => new LocalCarrierPermits(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<CarrierClientServices>();
        services.AddHttpClient(CarrierClientServices.HttpClientName);

        services.AddOptions<SandboxOptions>()
            .Bind(configuration.GetSection(SandboxOptions.SectionName))
            .Validate(o => o.StepSeconds >= 1, "Carriers:Sandbox:StepSeconds must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<ICarrierTracker, SandboxCarrierTracker>();

        if (IsEnabled(configuration, UpsOptions.SectionName, "ClientId", "ClientSecret"))
        {
            services.AddOptions<UpsOptions>()
                .Bind(configuration.GetSection(UpsOptions.SectionName))
                .Validate(o => HasAll(o.ClientId, o.ClientSecret), "Carriers:Ups needs ClientId and ClientSecret.")
                .ValidateOnStart();
            services.AddSingleton<UpsClient>();
            services.AddSingleton<ICarrierTracker, UpsAdapter>();
        }

        if (IsEnabled(configuration, FedExOptions.SectionName, "ClientId", "ClientSecret"))
        {
            services.AddOptions<FedExOptions>()
                .Bind(configuration.GetSection(FedExOptions.SectionName))
                .Validate(o => HasAll(o.ClientId, o.ClientSecret), "Carriers:FedEx needs ClientId and ClientSecret.")
                .ValidateOnStart();
            services.AddSingleton<FedExClient>();
            services.AddSingleton<ICarrierTracker, FedExAdapter>();
        }

        if (IsEnabled(configuration, UspsOptions.SectionName, "ClientId", "ClientSecret"))
        {
            services.AddOptions<UspsOptions>()
                .Bind(configuration.GetSection(UspsOptions.SectionName))
                .Validate(o => HasAll(o.ClientId, o.ClientSecret), "Carriers:Usps needs ClientId and ClientSecret.")
                .ValidateOnStart();
            services.AddSingleton<UspsClient>();
            services.AddSingleton<ICarrierTracker, UspsAdapter>();
        }

        if (IsEnabled(configuration, DhlOptions.SectionName, "ApiKey"))
        {
            services.AddOptions<DhlOptions>()
                .Bind(configuration.GetSection(DhlOptions.SectionName))
                .Validate(o => HasAll(o.ApiKey), "Carriers:Dhl needs ApiKey.")
                .ValidateOnStart();
            services.AddSingleton<DhlClient>();
            services.AddSingleton<ICarrierTracker, DhlAdapter>();
        }

        return services;
    }

    /// <summary>Enabled when <c>:Enabled</c> says so, otherwise when every credential key has a value.</summary>
    internal static bool IsEnabled(IConfiguration configuration, string section, params string[] credentialKeys)
    {
        IConfigurationSection config = configuration.GetSection(section);
        if (bool.TryParse(config["Enabled"], out bool enabled))
        {
            return enabled;
        }

        return credentialKeys.All(key => !string.IsNullOrWhiteSpace(config[key]));
    }

    private static bool HasAll(params string?[] values) => values.All(v => !string.IsNullOrWhiteSpace(v));
}
