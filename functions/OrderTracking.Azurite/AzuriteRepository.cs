namespace OrderTracking.Azurite;

/// <summary>Locates the repository root that holds <c>package.json</c> and the Azurite install.</summary>
internal static class AzuriteRepository
{
    public static string FindRoot(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            string full = Path.GetFullPath(configured);
            return File.Exists(Path.Combine(full, "package.json"))
                ? full
                : throw new InvalidOperationException($"AzuriteOptions.RepositoryRoot '{full}' holds no package.json.");
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) &&
                File.Exists(Path.Combine(dir.FullName, "OrderTracking.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Could not find the repository root (package.json + OrderTracking.sln) above '{AppContext.BaseDirectory}'. " +
            "Set AzuriteOptions.RepositoryRoot, or set AzureWebJobsStorage to an existing storage account.");
    }

    public static string EntryPoint(string root) =>
        Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
}
