using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace OrderTracking.Azurite;

/// <summary>
/// Runs <c>npm ci</c> in the repository root when Azurite is not installed yet. A file lock in the temp folder
/// serializes parallel test processes so only one of them installs; the others wait and then find it installed.
/// </summary>
internal static class AzuriteInstaller
{
    public static async Task EnsureInstalledAsync(string root, CancellationToken cancellationToken)
    {
        string entry = AzuriteRepository.EntryPoint(root);
        if (File.Exists(entry))
        {
            return;
        }

        await using FileStream lockFile = await AcquireLockAsync(root, cancellationToken).ConfigureAwait(false);
        if (File.Exists(entry))
        {
            return;
        }

        await RunNpmCiAsync(root, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException($"'npm ci' succeeded but '{entry}' is missing; check package.json pins azurite.");
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string root, CancellationToken cancellationToken)
    {
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..16];
        string path = Path.Combine(Path.GetTempPath(), $"ordertracking-npm-{hash}.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                // Another process holds the lock and is installing; poll until it is done.
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task RunNpmCiAsync(string root, CancellationToken cancellationToken)
    {
        bool windows = OperatingSystem.IsWindows();
        var startInfo = new ProcessStartInfo(windows ? "cmd.exe" : "npm")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (windows)
        {
            startInfo.ArgumentList.Add("/c");
            startInfo.ArgumentList.Add("npm");
        }

        foreach (string arg in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            startInfo.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js and npm are required to install Azurite ('npm' was not found on PATH).", ex);
        }

        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"'npm ci' in '{root}' failed with exit code {process.ExitCode}:{Environment.NewLine}{await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
            }
        }
    }
}
