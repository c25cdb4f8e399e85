namespace OrderTracking.Testing;

/// <summary>Where things are in the repository, for tests and benchmarks that start the real function app.</summary>
public static class RepositoryLayout
{
    /// <summary>The folder holding <c>OrderTracking.sln</c>, found above the running assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The function app's build output (an app root: host.json, function folders, the handler).</summary>
    public static string FunctionAppOutput(string configuration) =>
        Path.Combine(Root, "functions", "OrderTracking.Functions", "bin", configuration, "net10.0");

    /// <summary>Copies a folder to a new temp folder (keeping Unix file modes, so the handler stays executable).</summary>
    public static string CopyToTemp(string source, string prefix)
    {
        string target = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
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

    /// <summary>Deletes a temp folder, best effort.</summary>
    public static void TryDelete(string? directory)
    {
        try
        {
            if (directory is not null && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: temp folders.
        }
    }

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
