using System.Diagnostics;
using System.Net.Sockets;
using OrderTracking.DevHost.Logging;
using OrderTracking.DevHost.Rpc;

namespace OrderTracking.DevHost.Worker;

/// <summary>
/// Runs one worker process as the host does (reference §1, §2.2, §7): starts it with the <c>--functions-*</c> arguments
/// and environment, waits for <c>StartStream</c>, sends <c>WorkerInitRequest</c>, <c>FunctionsMetadataRequest</c> and
/// one <c>FunctionLoadRequest</c> per function, then serves invocations. When the process exits it is started again
/// with back-off (at once, then 1, 2, 4 … 30 s while it keeps failing; the count resets after a minute up), with a new
/// worker id; meanwhile <see cref="WaitUntilReadyAsync"/> waits and in-flight invocations fail.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private const string HostVersion = "4.1037.0";
    private static readonly TimeSpan s_initTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_metadataTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_stableRun = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_httpProbeTimeout = TimeSpan.FromSeconds(15);
    private readonly WorkerProcessOptions _options;
    private readonly WorkerChannelRegistry _registry;
    private readonly Func<IReadOnlyList<RpcFunctionMetadata>, IReadOnlyList<RpcFunctionMetadata>> _acceptMetadata;
    private readonly BoundedLogBuffer _logs;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource<WorkerSession> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private WorkerChannel? _channel;
    private Task? _monitor;

    public WorkerProcess(
        int index,
        WorkerProcessOptions options,
        WorkerChannelRegistry registry,
        Func<IReadOnlyList<RpcFunctionMetadata>, IReadOnlyList<RpcFunctionMetadata>> acceptMetadata,
        BoundedLogBuffer logs,
        ILogger logger)
    {
        Index = index;
        _options = options;
        _registry = registry;
        _acceptMetadata = acceptMetadata;
        _logs = logs;
        _logger = logger;
    }

    /// <summary>1-based number of this worker (shown in logs and in <c>/admin/host/status</c>).</summary>
    public int Index { get; }

    public WorkerState State { get; private set; } = WorkerState.Starting;

    public int? ProcessId { get; private set; }

    public string? WorkerId => _channel?.WorkerId;

    /// <summary>How many times the process was started.</summary>
    public int Starts { get; private set; }

    /// <summary>The current session when ready, else null.</summary>
    public WorkerSession? Session => Volatile.Read(ref _ready).Task is { IsCompletedSuccessfully: true } task ? task.Result : null;

    /// <summary>Raised for every <see cref="RpcLog"/> of this worker.</summary>
    public event Action<WorkerProcess, RpcLog>? Log;

    /// <summary>Starts the first process and waits until it is loaded; throws <see cref="WorkerStartException"/> otherwise.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        await LaunchAsync(linked.Token).ConfigureAwait(false);
        _monitor = Task.Run(() => MonitorAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>The session once the worker is ready (waits while it restarts).</summary>
    public Task<WorkerSession> WaitUntilReadyAsync(CancellationToken cancellationToken) => Volatile.Read(ref _ready).Task.WaitAsync(cancellationToken);

    /// <summary>Kills the process tree, as a crash would; the monitor starts it again.</summary>
    public async Task KillAsync()
    {
        Process? process = _process;
        if (process is null)
        {
            return;
        }

        ResetReady(WorkerState.Restarting);
        KillQuietly(process);
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        State = WorkerState.Stopped;
        if (_process is { } process)
        {
            if (_channel is { IsOpen: true } channel)
            {
                channel.Terminate(TimeSpan.FromSeconds(5));
                await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
            }

            KillQuietly(process);
            await process.WaitForExitAsync().ConfigureAwait(false);
            process.Dispose();
        }

        if (_channel is { } last)
        {
            last.Close(new WorkerUnavailableException("the DevHost is stopping"));
            _registry.Remove(last);
        }

        if (_monitor is not null)
        {
            await _monitor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

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
                Task closed = _channel?.Closed ?? Task.CompletedTask;
                await Task.WhenAny(process.WaitForExitAsync(cancellationToken), closed).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                ResetReady(WorkerState.Restarting);
                KillQuietly(process); // the stream closed while the process lives: it is of no use any more
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                _channel?.Close(new WorkerUnavailableException($"worker {Index} exited with code {process.ExitCode}"));
                failures = started.Elapsed > s_stableRun ? 0 : failures;
                TimeSpan delay = failures == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures - 1)));
                DevHostLog.WorkerExited(_logger, Index, process.ExitCode, (long)delay.TotalMilliseconds);
                process.Dispose();
                _process = null;
                failures++;
                await Task.Delay(delay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            try
            {
                await LaunchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (WorkerStartException ex)
            {
                DevHostLog.WorkerStartFailed(_logger, Index, ex.Message);
                if (_process is null)
                {
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
        if (_channel is { } previous)
        {
            _registry.Remove(previous);
        }

        string workerId = Guid.NewGuid().ToString();
        var channel = new WorkerChannel(workerId);
        channel.Log += log => Log?.Invoke(this, log);
        _channel = channel;
        _registry.Add(channel);
        ProcessStartInfo info = WorkerStartInfoFactory.Create(_options, workerId, Guid.NewGuid().ToString());
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnOutput(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data, isError: true);
        Starts++;
        State = Starts == 1 ? WorkerState.Starting : WorkerState.Restarting;
        DevHostLog.WorkerStarting(_logger, Index, _options.Config.ExecutablePath, Starts);
        var elapsed = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new WorkerStartException($"Cannot start '{_options.Config.ExecutablePath}': {ex.Message}");
        }

        _process = process;
        ProcessId = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            WorkerSession session = await HandshakeAsync(process, channel, cancellationToken).ConfigureAwait(false);
            State = WorkerState.Ready;
            Volatile.Read(ref _ready).TrySetResult(session);
            DevHostLog.WorkerReady(_logger, Index, process.Id, session.FunctionIds.Count, elapsed.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is WorkerUnavailableException or TimeoutException)
        {
            KillQuietly(process);
            throw new WorkerStartException(ex.Message, ex);
        }
        catch
        {
            KillQuietly(process); // bad metadata or a function that does not load: nothing is left running
            throw;
        }
    }

    private async Task<WorkerSession> HandshakeAsync(Process process, WorkerChannel channel, CancellationToken cancellationToken)
    {
        Task exited = process.WaitForExitAsync(cancellationToken);
        Task connected = channel.WaitConnectedAsync(_options.StartTimeout, cancellationToken);
        if (await Task.WhenAny(connected, exited).ConfigureAwait(false) == exited)
        {
            throw new WorkerStartException($"worker {Index} exited with code {process.ExitCode} before it connected");
        }

        await connected.ConfigureAwait(false);
        string appRoot = _options.AppRoot;
        WorkerInitResponse init = await channel.InitializeAsync(
            new WorkerInitRequest { HostVersion = HostVersion, WorkerDirectory = appRoot, FunctionAppDirectory = appRoot },
            s_initTimeout,
            cancellationToken).ConfigureAwait(false);
        if (init.Result?.Status != StatusResult.Types.Status.Success)
        {
            throw new WorkerStartException($"worker {Index} failed to initialize: {init.Result?.Exception?.Message}");
        }

        FunctionMetadataResponse metadata = await channel.GetMetadataAsync(new FunctionsMetadataRequest { FunctionAppDirectory = appRoot }, s_metadataTimeout, cancellationToken).ConfigureAwait(false);
        if (metadata.Result?.Status != StatusResult.Types.Status.Success)
        {
            throw new WorkerStartException($"worker {Index} could not index its functions: {metadata.Result?.Exception?.Message}");
        }

        IReadOnlyList<RpcFunctionMetadata> functions = _acceptMetadata(
            metadata.UseDefaultMetadataIndexing ? FunctionsMetadataFile.Read(appRoot) : [.. metadata.FunctionMetadataResults]);
        FunctionLoadResponse[] loads = await Task.WhenAll(functions.Select(f => channel.LoadAsync(
            new FunctionLoadRequest { FunctionId = f.FunctionId, Metadata = f },
            s_initTimeout,
            cancellationToken))).ConfigureAwait(false);
        foreach (FunctionLoadResponse load in loads.Where(l => l.Result?.Status != StatusResult.Types.Status.Success))
        {
            string name = functions.First(f => f.FunctionId == load.FunctionId).Name;
            throw new WorkerStartException($"function '{name}' failed to load in worker {Index}: {load.Result?.Exception?.Message}");
        }

        Uri? httpUri = init.Capabilities.TryGetValue("HttpUri", out string? uri) && Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed) ? parsed : null;
        if (httpUri is not null)
        {
            await WaitForHttpAsync(httpUri, process, cancellationToken).ConfigureAwait(false);
        }

        return new WorkerSession(channel, httpUri, functions.ToDictionary(f => f.Name, f => f.FunctionId, StringComparer.OrdinalIgnoreCase), functions);
    }

    /// <summary>The worker binds its HTTP port after advertising it: wait until it accepts connections (reference §8).</summary>
    private async Task WaitForHttpAsync(Uri httpUri, Process process, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(httpUri.Host, httpUri.Port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (elapsed.Elapsed < s_httpProbeTimeout && !process.HasExited)
            {
                await Task.Delay(25, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new WorkerStartException($"worker {Index} advertised {httpUri} but does not accept connections: {ex.Message}");
            }
        }
    }

    private void ResetReady(WorkerState state)
    {
        if (State != WorkerState.Stopped)
        {
            State = state;
        }

        TaskCompletionSource<WorkerSession> current = Volatile.Read(ref _ready);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _ready, new TaskCompletionSource<WorkerSession>(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }
    }

    private void OnOutput(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        _logs.Add($"[worker {Index}] {line}");
        if (isError)
        {
            DevHostLog.WorkerStderr(_logger, Index, line);
        }
        else
        {
            DevHostLog.WorkerStdout(_logger, Index, line);
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

/// <summary>The life cycle of a <see cref="WorkerProcess"/>.</summary>
public enum WorkerState
{
    /// <summary>First start, not loaded yet.</summary>
    Starting,

    /// <summary>Connected and loaded: takes invocations.</summary>
    Ready,

    /// <summary>Exited or killed; being started again.</summary>
    Restarting,

    /// <summary>The DevHost is stopping.</summary>
    Stopped,
}
