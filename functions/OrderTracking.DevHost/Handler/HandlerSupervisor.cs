using System.Diagnostics;
using OrderTracking.DevHost.Configuration;
using OrderTracking.DevHost.Logging;

namespace OrderTracking.DevHost.Handler;

/// <summary>
/// Starts the handler like <c>HttpWorkerProcess</c> (reference §1.2, §8.1): free loopback port, worker id, app root and
/// settings in the environment; polls <c>GET /</c> every 25 ms until any HTTP answer; restarts it when it exits, with
/// back-off (0 s, then 1, 2, 4 … 30 s while it keeps failing); captures stdout and stderr.
/// </summary>
internal sealed class HandlerSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan s_stableRun = TimeSpan.FromMinutes(1);
    private readonly HostSettings _host;
    private readonly string _appRoot;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly BoundedLogBuffer _logs;
    private readonly ILogger _logger;
    private readonly HttpClient _ping = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private Task? _monitor;
    private int _attempt;

    public HandlerSupervisor(HostSettings host, string appRoot, IReadOnlyDictionary<string, string?> environment, BoundedLogBuffer logs, ILogger logger)
    {
        _host = host;
        _appRoot = appRoot;
        _environment = environment;
        _logs = logs;
        _logger = logger;
    }

    /// <summary>Starts the first process and waits until it answers; throws <see cref="HandlerStartException"/> otherwise.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        await LaunchAsync(linked.Token).ConfigureAwait(false);
        _monitor = Task.Run(() => MonitorAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>The handler's base address once it is ready (waits during a restart).</summary>
    public Task<Uri> WaitUntilReadyAsync(CancellationToken cancellationToken) => Volatile.Read(ref _ready).Task.WaitAsync(cancellationToken);

    /// <summary>Kills the current process tree; the monitor restarts it.</summary>
    public async Task KillAsync()
    {
        Process? process = _process;
        if (process is null)
        {
            return;
        }

        // New invocations wait for the restarted handler instead of hitting the dying one.
        ResetReady();
        KillQuietly(process);
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_process is { } process)
        {
            KillQuietly(process);
            await process.WaitForExitAsync().ConfigureAwait(false);
            process.Dispose();
        }

        if (_monitor is not null)
        {
            await _monitor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _ping.Dispose();
        _stopping.Dispose();
    }

    private async Task MonitorAsync(CancellationToken cancellationToken)
    {
        int failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.StartNew();
            if (_process is { } process)
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                ResetReady();
                failures = started.Elapsed > s_stableRun ? 0 : failures;
                TimeSpan delay = failures == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures - 1)));
                DevHostLog.HandlerExited(_logger, process.ExitCode, (long)delay.TotalMilliseconds);
                process.Dispose();
                _process = null;
                failures++;
                await Task.Delay(delay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            try
            {
                await LaunchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HandlerStartException ex)
            {
                DevHostLog.HandlerStderr(_logger, ex.Message);
                if (_process is null)
                {
                    // Start() itself failed: there is no process to wait for, so back off here.
                    await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        int port = FreePort.Next();
        ProcessStartInfo info = HandlerStartInfoFactory.Create(_host, _appRoot, port, Guid.NewGuid().ToString(), _environment);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnOutput(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data, isError: true);
        DevHostLog.HandlerStarting(_logger, _host.ExecutablePath, port, ++_attempt);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new HandlerStartException($"Cannot start '{_host.ExecutablePath}': {ex.Message}");
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        await WaitForReadyAsync(process, baseAddress, cancellationToken).ConfigureAwait(false);
        Volatile.Read(ref _ready).TrySetResult(baseAddress);
    }

    private async Task WaitForReadyAsync(Process process, Uri baseAddress, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new HandlerStartException($"The handler exited with code {process.ExitCode} before answering GET /.");
            }

            try
            {
                using HttpResponseMessage response = await _ping.GetAsync(baseAddress, cancellationToken).ConfigureAwait(false);
                DevHostLog.HandlerReady(_logger, baseAddress.Port, elapsed.ElapsedMilliseconds);
                return;
            }
            catch (HttpRequestException)
            {
                // Only socket errors mean "not ready yet" (reference §1.2).
            }

            if (elapsed.Elapsed > _host.InitializationTimeout)
            {
                DevHostLog.HandlerNotReady(_logger, _host.InitializationTimeout.TotalSeconds);
                KillQuietly(process);
                throw new HandlerStartException($"The handler did not answer GET / within {_host.InitializationTimeout.TotalSeconds} s.");
            }

            await Task.Delay(s_pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private void ResetReady()
    {
        TaskCompletionSource<Uri> current = Volatile.Read(ref _ready);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _ready, new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }
    }

    private void OnOutput(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        _logs.Add(line);
        if (isError)
        {
            DevHostLog.HandlerStderr(_logger, line);
        }
        else
        {
            DevHostLog.HandlerStdout(_logger, line);
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }
}
