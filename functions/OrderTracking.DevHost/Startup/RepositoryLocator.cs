namespace OrderTracking.DevHost.Startup;

/// <summary>Finds the repository root: the nearest folder at or above a start folder that holds <c>OrderTracking.sln</c>.</summary>
internal static class RepositoryLocator
{
    public const string SolutionFile = "OrderTracking.sln";

    public static string? Find(params string[] startDirectories)
    {
        foreach (string start in startDirectories)
        {
            for (DirectoryInfo? dir = new(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
