using OrderTracking.Testing;

namespace OrderTracking.Benchmarks.Webhooks;

/// <summary>Copies the function app's build output (same configuration as this assembly) to a temp app root for the DevHost.</summary>
internal static class AppRoot
{
    public static string Copy()
    {
        string configuration =
#if DEBUG
            "Debug";
#else
            "Release";
#endif
        return RepositoryLayout.CopyToTemp(RepositoryLayout.FunctionAppOutput(configuration), "ot-bench-app-");
    }

    public static void TryDelete(string directory) => RepositoryLayout.TryDelete(directory);
}
