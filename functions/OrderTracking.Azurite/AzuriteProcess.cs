using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OrderTracking.Azurite;

/// <summary>
/// The Azurite child process: started with <c>node</c>, ports read from its "successfully listening" lines
/// (so port 0 lets the OS choose free ports without a race), output kept for error messages, tree killed on dispose.
/// </summary>
internal sealed partial class AzuriteProcess : IAsyncDisposable
{
    // Preloaded into node: exit when our end of its stdin pipe closes, so a crashed test run leaves no orphan Azurite.
    private const string WatchdogScript =
        "process.stdin.on('end',()=>process.exit(0));process.stdin.on('error',()=>process.exit(0));process.stdin.resume();\n";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<int> _blob = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _queue = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _table = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AzuriteProcess(Process process) => _process = process;

    public int BlobPort => _blob.Task.Result;

    public int QueuePort => _queue.Task.Result;

    public int TablePort => _table.Task.Result;

    public static async Task<AzuriteProcess> StartAsync(string root, AzuriteOptions options, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in Arguments(root, options))
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var azurite = new AzuriteProcess(process);
        process.OutputDataReceived += (_, e) => azurite.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => azurite.OnLine(e.Data);
        process.Exited += (_, _) => azurite.OnExited();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException("Node.js is required to run Azurite ('node' was not found on PATH).", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Task.WhenAll(azurite._blob.Task, azurite._queue.Task, azurite._table.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
            while (!await AzuriteProbe.AllAnswerAsync([azurite.BlobPort, azurite.QueuePort, azurite.TablePort], cancellationToken).ConfigureAwait(false))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }

            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Asks Azurite to shut down (SIGTERM: it closes its servers and saves its databases, so what it acknowledged
    /// survives a restart on the same workspace), waits up to <paramref name="grace"/>, then kills what is left.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!OperatingSystem.IsWindows() && !_process.HasExited)
        {
            using (var term = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
            {
                if (term is not null)
                {
                    await term.WaitForExitAsync().ConfigureAwait(false);
                }
            }

            using var wait = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Still running after the grace period: killed below.
            }
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited between the check and the kill.
        }
        catch (OperationCanceledException)
        {
            // Did not exit within 10 s after SIGKILL; nothing more we can do.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static List<string> Arguments(string root, AzuriteOptions options)
    {
        string watchdog = Path.Combine(Path.GetTempPath(), "ordertracking-azurite-watchdog-v1.js");
        if (!File.Exists(watchdog))
        {
            string temp = watchdog + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            File.WriteAllText(temp, WatchdogScript);
            File.Move(temp, watchdog, overwrite: true);
        }

        List<string> args =
        [
            "--require", watchdog, AzuriteRepository.EntryPoint(root),
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Port(options.BlobPort), "--queuePort", Port(options.QueuePort), "--tablePort", Port(options.TablePort),
            "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
        ];
        if (options.InMemory)
        {
            args.Add("--inMemoryPersistence");
        }
        else
        {
            string location = options.DataDirectory ?? Path.Combine(root, ".azurite");
            Directory.CreateDirectory(location);
            args.Add("--location");
            args.Add(location);
        }

        return args;
    }

    private static string Port(int? port) => (port ?? 0).ToString(CultureInfo.InvariantCulture);

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 16_384)
            {
                _output.AppendLine(line);
            }
        }

        Match match = ListeningLine().Match(line);
        if (match.Success)
        {
            int port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
            TaskCompletionSource<int> target = match.Groups["service"].Value switch
            {
                "Blob" => _blob,
                "Queue" => _queue,
                _ => _table,
            };
            target.TrySetResult(port);
        }
    }

    private void OnExited()
    {
        string output;
        lock (_output)
        {
            output = _output.ToString();
        }

        string code;
        try
        {
            code = _process.ExitCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            code = "unknown";
        }

        var error = new InvalidOperationException($"Azurite exited with code {code} before it was ready:{Environment.NewLine}{output}");
        _blob.TrySetException(error);
        _queue.TrySetException(error);
        _table.TrySetException(error);
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
