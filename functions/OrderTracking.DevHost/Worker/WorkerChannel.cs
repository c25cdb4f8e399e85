using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using OrderTracking.DevHost.Rpc;

namespace OrderTracking.DevHost.Worker;

/// <summary>
/// The host side of one worker's <c>EventStream</c> (reference §2): one writer loop (gRPC stream writes must not
/// overlap), one reader loop that completes the request waiting for each response, and <see cref="RpcLog"/>s passed to
/// <see cref="Log"/>. Every request waits for its own response, because the worker handles each message on its own task
/// (reference §2.1). When the stream closes every waiting request fails with <see cref="WorkerUnavailableException"/>.
/// </summary>
internal sealed class WorkerChannel(string workerId)
{
    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<FunctionLoadResponse>> _loads = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<WorkerInitResponse> _init = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<FunctionMetadataResponse> _metadata = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _closeReason;

    public string WorkerId => workerId;

    /// <summary>Completes when the stream has closed.</summary>
    public Task Closed => _closed.Task;

    public bool IsOpen => _connected.Task.IsCompleted && !_closed.Task.IsCompleted;

    /// <summary>Raised for every <see cref="RpcLog"/> the worker sends.</summary>
    public event Action<RpcLog>? Log;

    /// <summary>Serves the stream opened by the worker's <c>StartStream</c> until it closes (called by <see cref="FunctionRpcService"/>).</summary>
    public async Task RunStreamAsync(IAsyncStreamReader<StreamingMessage> reader, IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        if (!_connected.TrySetResult())
        {
            return; // a second stream for the same worker id: refuse it
        }

        Task writing = WriteLoopAsync(writer, cancellationToken);
        try
        {
            while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                Dispatch(reader.Current);
            }

            Close(new WorkerUnavailableException($"worker {workerId} closed its stream"));
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or Grpc.Core.RpcException or InvalidOperationException)
        {
            Close(new WorkerUnavailableException($"worker {workerId} stream failed: {ex.Message}", ex));
        }
        finally
        {
            _outbound.Writer.TryComplete();
            await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Waits for the worker's <c>StartStream</c>.</summary>
    public Task WaitConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _connected.Task.WaitAsync(timeout, cancellationToken);

    public async Task<WorkerInitResponse> InitializeAsync(WorkerInitRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Send(new StreamingMessage { WorkerInitRequest = request });
        return await AwaitAsync(_init.Task, timeout, "WorkerInitResponse", cancellationToken).ConfigureAwait(false);
    }

    public async Task<FunctionMetadataResponse> GetMetadataAsync(FunctionsMetadataRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Send(new StreamingMessage { FunctionsMetadataRequest = request });
        return await AwaitAsync(_metadata.Task, timeout, "FunctionMetadataResponse", cancellationToken).ConfigureAwait(false);
    }

    public async Task<FunctionLoadResponse> LoadAsync(FunctionLoadRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<FunctionLoadResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _loads[request.FunctionId] = pending;
        FailIfClosed(pending);
        Send(new StreamingMessage { FunctionLoadRequest = request });
        try
        {
            return await AwaitAsync(pending.Task, timeout, $"FunctionLoadResponse for '{request.Metadata.Name}'", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _loads.TryRemove(request.FunctionId, out _);
        }
    }

    /// <summary>Sends the invocation and waits for its response. Cancelling sends <c>InvocationCancel</c> and throws.</summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _invocations[request.InvocationId] = pending;
        FailIfClosed(pending);
        Send(new StreamingMessage { InvocationRequest = request });
        try
        {
            return await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Send(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = request.InvocationId } });
            throw;
        }
        finally
        {
            _invocations.TryRemove(request.InvocationId, out _);
        }
    }

    /// <summary>Asks the worker to stop (it calls <c>StopApplication</c> and does not answer; reference §2.5).</summary>
    public void Terminate(TimeSpan gracePeriod) =>
        Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(gracePeriod) } });

    /// <summary>Fails every waiting request and marks the channel closed.</summary>
    public void Close(Exception reason)
    {
        Interlocked.CompareExchange(ref _closeReason, reason, null);
        _outbound.Writer.TryComplete();
        _init.TrySetException(reason);
        _metadata.TrySetException(reason);
        foreach (TaskCompletionSource<InvocationResponse> pending in _invocations.Values)
        {
            pending.TrySetException(reason);
        }

        foreach (TaskCompletionSource<FunctionLoadResponse> pending in _loads.Values)
        {
            pending.TrySetException(reason);
        }

        _closed.TrySetResult();
    }

    private void FailIfClosed<T>(TaskCompletionSource<T> pending)
    {
        if (_closed.Task.IsCompleted)
        {
            pending.TrySetException(_closeReason ?? new WorkerUnavailableException($"worker {workerId} is not connected"));
        }
    }

    private void Send(StreamingMessage message) => _outbound.Writer.TryWrite(message);

    private async Task WriteLoopAsync(IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (StreamingMessage message in _outbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or Grpc.Core.RpcException or InvalidOperationException)
        {
            Close(new WorkerUnavailableException($"writing to worker {workerId} failed: {ex.Message}", ex));
        }
    }

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                Log?.Invoke(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                _init.TrySetResult(message.WorkerInitResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                _metadata.TrySetResult(message.FunctionMetadataResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                if (_loads.TryGetValue(message.FunctionLoadResponse.FunctionId, out TaskCompletionSource<FunctionLoadResponse>? load))
                {
                    load.TrySetResult(message.FunctionLoadResponse);
                }

                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (_invocations.TryGetValue(message.InvocationResponse.InvocationId, out TaskCompletionSource<InvocationResponse>? invocation))
                {
                    invocation.TrySetResult(message.InvocationResponse);
                }

                break;
            default:
                break; // WorkerStatusResponse and anything newer: nothing waits for it
        }
    }

    private async Task<T> AwaitAsync<T>(Task<T> task, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new WorkerUnavailableException($"worker {workerId} did not send {what} within {timeout.TotalSeconds:0} s");
        }
    }
}
