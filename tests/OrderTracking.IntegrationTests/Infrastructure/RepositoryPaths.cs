using System.Reflection;

namespace OrderTracking.IntegrationTests.Infrastructure;

/// <summary>Locates the repository and the function app's build output (the app root the DevHost starts).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string FunctionAppOutput =>
        Path.Combine(Root, "functions", "OrderTracking.Functions", "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrderTracking.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OrderTracking.sln not found above " + AppContext.BaseDirectory);
    }
}
