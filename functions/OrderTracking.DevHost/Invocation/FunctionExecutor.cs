using System.Diagnostics;
using System.Text.Json.Nodes;
using OrderTracking.DevHost.Handler;
using OrderTracking.DevHost.Logging;

namespace OrderTracking.DevHost.Invocation;

/// <summary>
/// Runs envelope invocations end to end: <c>functionTimeout</c>, the POST, <c>Logs</c> printed at Information, queue
/// outputs written, and an <see cref="InvocationRecord"/> raised (reference §3, §8.8).
/// </summary>
internal sealed class FunctionExecutor(HandlerInvoker invoker, OutputWriter outputs, TimeSpan? functionTimeout, BoundedLogBuffer logs, ILogger logger)
{
    public event Action<InvocationRecord>? Invoked;

    public async Task<InvocationResult> RunAsync(FunctionDescriptor function, JsonObject envelope, CancellationToken cancellationToken)
    {
        string invocationId = Guid.NewGuid().ToString();
        var elapsed = Stopwatch.StartNew();
        using CancellationTokenSource timeout = CreateTimeout(cancellationToken);
        InvocationResult result;
        try
        {
            result = await invoker.PostAsync(function.Name, envelope, invocationId, timeout.Token).ConfigureAwait(false);
            PrintLogs(function, result);
            if (result.Succeeded)
            {
                result = await WriteOutputsAsync(function, result, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = InvocationResponseParser.Failed(invocationId, null, $"Timeout value of {functionTimeout} exceeded by function '{function.Name}'");
        }

        Complete(function, result.Succeeded, elapsed.Elapsed, invocationId, result.Error);
        return result;
    }

    /// <summary>A token that fires at <c>functionTimeout</c> (or never) or when <paramref name="cancellationToken"/> does.</summary>
    public CancellationTokenSource CreateTimeout(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (functionTimeout is { } limit)
        {
            source.CancelAfter(limit);
        }

        return source;
    }

    /// <summary>Logs the outcome and raises <see cref="Invoked"/>.</summary>
    public void Complete(FunctionDescriptor function, bool succeeded, TimeSpan duration, string invocationId, string? error)
    {
        DevHostLog.Executed(logger, function.Name, function.Trigger, succeeded ? "Succeeded" : "Failed", invocationId, (long)duration.TotalMilliseconds);
        if (!succeeded && error is not null)
        {
            DevHostLog.InvocationFailed(logger, function.Name, error);
        }

        Invoked?.Invoke(new InvocationRecord(function.Name, function.Trigger, succeeded, duration, invocationId, error));
    }

    private async Task<InvocationResult> WriteOutputsAsync(FunctionDescriptor function, InvocationResult result, CancellationToken cancellationToken)
    {
        try
        {
            await outputs.WriteAsync(function, result, cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (Exception ex) when (ex is global::Azure.RequestFailedException or HttpRequestException or DevHostConfigurationException)
        {
            // An output binding failure fails the invocation, as on the host.
            return result with { Succeeded = false, Error = $"writing outputs failed: {ex.Message}" };
        }
    }

    private void PrintLogs(FunctionDescriptor function, InvocationResult result)
    {
        foreach (string line in result.Logs)
        {
            logs.Add($"[{function.Name}] {line}");
            DevHostLog.HandlerLogLine(logger, function.Name, line);
        }

        if (!result.Succeeded)
        {
            return;
        }

        if (result.Outputs is null)
        {
            DevHostLog.OutputsNotSet(logger, function.Name);
        }

        if (result.ReturnValue is null)
        {
            DevHostLog.ReturnValueNotSet(logger, function.Name);
        }
    }
}
