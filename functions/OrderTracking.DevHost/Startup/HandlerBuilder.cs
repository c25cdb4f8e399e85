using System.Diagnostics;

namespace OrderTracking.DevHost.Startup;

/// <summary>Builds <c>functions/OrderTracking.Functions</c> in Debug and returns its output folder, the app root for local runs.</summary>
internal static class HandlerBuilder
{
    public const string ProjectDirectory = "functions/OrderTracking.Functions";

    public static string OutputDirectory(string repositoryRoot) =>
        Path.Combine(repositoryRoot, ProjectDirectory, "bin", "Debug", "net10.0");

    public static async Task<string> BuildAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = repositoryRoot, UseShellExecute = false };
        foreach (string argument in new[] { "build", ProjectDirectory, "-c", "Debug", "--nologo", "-v", "quiet" })
        {
            info.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start 'dotnet build'.");
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode == 0
            ? OutputDirectory(repositoryRoot)
            : throw new InvalidOperationException($"'dotnet build {ProjectDirectory}' failed with exit code {process.ExitCode}.");
    }
}
