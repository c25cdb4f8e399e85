using System.Reflection;
using OrderTracking.Testing;

namespace OrderTracking.IntegrationTests.Infrastructure;

/// <summary>The function app's build output for this test assembly's configuration (the app root the DevHost starts).</summary>
internal static class RepositoryPaths
{
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string FunctionAppOutput => RepositoryLayout.FunctionAppOutput(Configuration);
}
