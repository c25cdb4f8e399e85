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
        string source = Path.Combine(RepoRoot(), "functions", "OrderTracking.Functions", "bin", configuration, "net10.0");
        string target = Path.Combine(Path.GetTempPath(), "ot-bench-app-" + Guid.NewGuid().ToString("N"));
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string dest = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(dest, File.GetUnixFileMode(file));
            }
        }

        return target;
    }

    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: temp folder.
        }
    }

    private static string RepoRoot()
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
