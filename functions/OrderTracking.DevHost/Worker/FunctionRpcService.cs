using System.Collections.Concurrent;
using Grpc.Core;
using OrderTracking.DevHost.Rpc;

namespace OrderTracking.DevHost.Worker;

/// <summary>
/// <c>AzureFunctionsRpcMessages.FunctionRpc/EventStream</c>: accepts a stream only when its first message is a
/// <c>StartStream</c> with the id of a worker the DevHost started (as the host's <c>FunctionRpcService</c> does), then
/// hands it to that worker's <see cref="WorkerChannel"/>.
/// </summary>
internal sealed class FunctionRpcService(WorkerChannelRegistry registry, ILogger<FunctionRpcService> logger) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            return;
        }

        StreamingMessage first = requestStream.Current;
        if (first.ContentCase != StreamingMessage.ContentOneofCase.StartStream || !registry.TryGet(first.StartStream.WorkerId, out WorkerChannel? channel))
        {
            Logging.DevHostLog.UnknownStream(logger, first.ContentCase.ToString(), first.StartStream?.WorkerId ?? string.Empty);
            return;
        }

        await channel.RunStreamAsync(requestStream, responseStream, context.CancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The channels of the workers the DevHost has started, by worker id.</summary>
internal sealed class WorkerChannelRegistry
{
    private readonly ConcurrentDictionary<string, WorkerChannel> _channels = new(StringComparer.Ordinal);

    public void Add(WorkerChannel channel) => _channels[channel.WorkerId] = channel;

    public void Remove(WorkerChannel channel) => _channels.TryRemove(channel.WorkerId, out _);

    public bool TryGet(string workerId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WorkerChannel? channel) =>
        _channels.TryGetValue(workerId, out channel);
}
