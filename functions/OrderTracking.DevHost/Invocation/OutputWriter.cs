using System.Text.Json.Nodes;
using OrderTracking.DevHost.Configuration;
using OrderTracking.DevHost.Logging;
using OrderTracking.DevHost.Queues;

namespace OrderTracking.DevHost.Invocation;

/// <summary>
/// Writes queue output bindings from <c>Outputs</c> (or <c>ReturnValue</c> for <c>$return</c>) after a successful
/// invocation (reference §3.1, §3.3). A binding is written only when its key is present and not null.
/// </summary>
internal sealed class OutputWriter(IQueueAccess queues, SettingExpander expander, ILogger logger)
{
    public async Task WriteAsync(FunctionDescriptor function, InvocationResult result, CancellationToken cancellationToken)
    {
        foreach (BindingDescriptor binding in function.Outputs.Where(b => string.Equals(b.Type, "queue", StringComparison.OrdinalIgnoreCase)))
        {
            JsonNode? value = binding.Name == "$return" ? result.ReturnValue : result.Outputs?[binding.Name];
            if (value is null)
            {
                continue;
            }

            bool binary = string.Equals(binding.GetString("dataType"), "binary", StringComparison.OrdinalIgnoreCase);
            IReadOnlyList<string> messages = QueueOutputReader.Read(value, binary, out bool decoded);
            if (decoded)
            {
                DevHostLog.Base64OutputQuirk(logger, function.Name, binding.Name);
            }

            string queueName = expander.ExpandStrict(binding.GetString("queueName")!, function.Name).ToLowerInvariant();
            await queues.CreateIfNotExistsAsync(queueName, cancellationToken).ConfigureAwait(false);
            foreach (string message in messages)
            {
                await queues.SendAsync(queueName, message, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
