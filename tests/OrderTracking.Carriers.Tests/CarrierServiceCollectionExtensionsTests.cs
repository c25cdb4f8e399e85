using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderTracking.Carriers.Sandbox;
using OrderTracking.Core.Carriers;

namespace OrderTracking.Carriers.Tests;

public sealed class CarrierServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCarriers_NoCredentials_RegistersSandboxOnly()
    {
        using ServiceProvider provider = Build([]);

        CarrierRegistry registry = provider.GetRequiredService<CarrierRegistry>();

        Assert.Equal(["sandbox"], registry.All.Select(t => t.Carrier));
        Assert.True(registry.TryGet("sandbox", out ICarrierTracker? tracker));
        Assert.IsType<SandboxCarrierTracker>(tracker);
        Assert.False(registry.TryGet("ups", out _));
        Assert.NotNull(provider.GetRequiredService<CarrierResolver>());
    }

    [Fact]
    public void AddCarriers_StepSecondsConfigured_BindsOption()
    {
        using ServiceProvider provider = Build(new() { ["Carriers:Sandbox:StepSeconds"] = "5" });

        Assert.Equal(5, provider.GetRequiredService<IOptions<SandboxOptions>>().Value.StepSeconds);
    }

    [Fact]
    public void AddCarriers_StepSecondsZero_FailsValidation()
    {
        using ServiceProvider provider = Build(new() { ["Carriers:Sandbox:StepSeconds"] = "0" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SandboxOptions>>().Value);
    }

    internal static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCarriers(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
