using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using OrderTracking.DevHost.Configuration;
using OrderTracking.DevHost.Logging;
using OrderTracking.DevHost.Rpc;

namespace OrderTracking.DevHost.Worker;

/// <summary>
/// Runs one invocation on a worker (reference §7 steps 9–10): sends it, enforces <c>functionTimeout</c> (then
/// <c>InvocationCancel</c>), writes the queue outputs only after success, prints the invocation's <see cref="RpcLog"/>s
/// with the function name, and raises an <see cref="InvocationRecord"/>.
/// </summary>
internal sealed class WorkerInvoker(QueueConnections queues, SettingExpander expander, TimeSpan? functionTimeout, BoundedLogBuffer logs, ILogger logger)
{
    private readonly ConcurrentDictionary<string, ActiveInvocation> _active = new(StringComparer.Ordinal);

    public event Action<InvocationRecord>? Invoked;

    public async Task<InvocationResult> RunAsync(WorkerProcess worker, WorkerSession session, FunctionDescriptor function, InvocationRequest request, CancellationToken cancellationToken)
    {
        string invocationId = request.InvocationId;
        var active = new ActiveInvocation(function.Name);
        _active[invocationId] = active;
        var elapsed = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (functionTimeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        InvocationResult result;
        try
        {
            InvocationResponse response = await session.Channel.InvokeAsync(request, timeout.Token).ConfigureAwait(false);
            result = await CompleteAsync(function, response, active, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = Failed(invocationId, active, $"Timeout value of {functionTimeout} exceeded by function '{function.Name}' (Id: {invocationId})");
        }
        catch (WorkerUnavailableException ex)
        {
            result = Failed(invocationId, active, ex.Message) with { WorkerUnavailable = true };
        }
        finally
        {
            _active.TryRemove(invocationId, out _);
        }

        result = result with { Worker = worker.Index };
        DevHostLog.Executed(logger, function.Name, function.Trigger, result.Succeeded ? "Succeeded" : "Failed", invocationId, (long)elapsed.Elapsed.TotalMilliseconds);
        if (!result.Succeeded && result.Error is not null)
        {
            DevHostLog.InvocationFailed(logger, function.Name, result.Error);
        }

        Invoked?.Invoke(new InvocationRecord(function.Name, function.Trigger, result.Succeeded, elapsed.Elapsed, invocationId, result.Error) { Worker = worker.Index });
        return result;
    }

    /// <summary>Prints a worker log line: with the function name inside an invocation, else as the worker's own.</summary>
    public void OnLog(WorkerProcess worker, RpcLog log)
    {
        LogLevel level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };
        string message = log.Exception is { Message.Length: > 0 } ex ? $"{log.Message} {ex.Type}: {ex.Message}" : log.Message;
        if (log.InvocationId.Length > 0 && _active.TryGetValue(log.InvocationId, out ActiveInvocation? active))
        {
            active.Add(message);
            logs.Add($"[{active.FunctionName}] {message}");
            // The function's own logs at their level; framework chatter inside it (ASP.NET Core result executors, the
            // worker's own categories) at Debug unless it is a warning or worse.
            bool framework = log.Category.StartsWith("Microsoft.", StringComparison.Ordinal) || log.Category.StartsWith("System.", StringComparison.Ordinal)
                || log.Category.StartsWith("Azure.", StringComparison.Ordinal) || log.LogCategory == RpcLog.Types.RpcLogCategory.System;
            bool shown = !framework || level >= LogLevel.Warning;
            DevHostLog.FunctionLog(logger, shown ? level : LogLevel.Debug, active.FunctionName, message);
            return;
        }

        logs.Add($"[worker {worker.Index}] {log.Category}: {message}");
        // The worker's own start-up chatter is Debug; its warnings and errors are shown.
        DevHostLog.WorkerLog(logger, level >= LogLevel.Warning ? level : LogLevel.Debug, worker.Index, log.Category, message);
    }

    private async Task<InvocationResult> CompleteAsync(FunctionDescriptor function, InvocationResponse response, ActiveInvocation active, CancellationToken cancellationToken)
    {
        string invocationId = response.InvocationId;
        var outputs = new JsonObject();
        foreach (ParameterBinding binding in response.OutputData)
        {
            outputs[binding.Name] = TypedDataReader.ToJson(binding.Data);
        }

        JsonNode? returnValue = TypedDataReader.ToJson(response.ReturnValue);
        if (response.Result?.Status != StatusResult.Types.Status.Success)
        {
            string status = response.Result?.Status.ToString() ?? "Failure";
            string reason = response.Result?.Exception is { } ex ? $"{ex.Type}: {ex.Message}".TrimStart(':', ' ') : "no exception reported";
            return Failed(invocationId, active, $"{status}: {reason}");
        }

        try
        {
            await WriteQueueOutputsAsync(function, response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is global::Azure.RequestFailedException or HttpRequestException or DevHostConfigurationException)
        {
            // An output binding failure fails the invocation, as on the host.
            return Failed(invocationId, active, $"writing outputs failed: {ex.Message}");
        }

        return new InvocationResult(invocationId, true, outputs, returnValue, active.Lines, null);
    }

    private async Task WriteQueueOutputsAsync(FunctionDescriptor function, InvocationResponse response, CancellationToken cancellationToken)
    {
        foreach (BindingDescriptor binding in function.Outputs.Where(b => string.Equals(b.Type, "queue", StringComparison.OrdinalIgnoreCase)))
        {
            TypedData? value = binding.Name == "$return"
                ? response.ReturnValue
                : response.OutputData.FirstOrDefault(o => string.Equals(o.Name, binding.Name, StringComparison.OrdinalIgnoreCase))?.Data;
            IReadOnlyList<BinaryData> messages = TypedDataReader.ToQueueMessages(value);
            if (messages.Count == 0)
            {
                continue;
            }

            string queueName = expander.ExpandStrict(binding.GetString("queueName")!, function.Name).ToLowerInvariant();
            Queues.IQueueAccess access = queues.For(function, binding);
            await access.CreateIfNotExistsAsync(queueName, cancellationToken).ConfigureAwait(false);
            foreach (BinaryData message in messages)
            {
                await access.SendAsync(queueName, message, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static InvocationResult Failed(string invocationId, ActiveInvocation active, string error) =>
        new(invocationId, false, null, null, active.Lines, error);

    private sealed class ActiveInvocation(string functionName)
    {
        private readonly List<string> _lines = [];

        public string FunctionName => functionName;

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public void Add(string line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
