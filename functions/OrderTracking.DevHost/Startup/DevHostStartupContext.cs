
namespace OrderTracking.DevHost.Startup;

/// <summary>What a <see cref="IDevHostStartupTask"/> can use.</summary>
/// <param name="Server">The running DevHost (base address, functions, function key).</param>
/// <param name="Configuration">The DevHost's configuration (appsettings, environment, command line).</param>
/// <param name="Settings">The app settings passed to the worker (local.settings Values + AzureWebJobsStorage).</param>
/// <param name="RepositoryRoot">The repository root, or null when not run from a clone.</param>
internal sealed record DevHostStartupContext(DevHostServer Server, IConfiguration Configuration, IReadOnlyDictionary<string, string?> Settings, string? RepositoryRoot);
