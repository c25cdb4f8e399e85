namespace OrderTracking.DevHost;

/// <summary>A function discovered from <c>&lt;AppRoot&gt;/&lt;Name&gt;/function.json</c>.</summary>
/// <param name="Name">The folder name, which is the function name.</param>
/// <param name="Trigger">The trigger kind.</param>
/// <param name="TriggerBinding">The trigger binding.</param>
/// <param name="Bindings">All bindings in file order.</param>
public sealed record FunctionDescriptor(string Name, TriggerKind Trigger, BindingDescriptor TriggerBinding, IReadOnlyList<BindingDescriptor> Bindings)
{
    /// <summary>Output bindings.</summary>
    public IEnumerable<BindingDescriptor> Outputs => Bindings.Where(b => b.IsOutput);

    /// <summary>
    /// True when the function has exactly one <c>httpTrigger</c> input and one <c>http</c> output and nothing else, so the
    /// host forwards the raw request when forwarding or proxying is on (reference §2.6, <c>IsHttpInAndOutFunction</c>).
    /// </summary>
    public bool IsHttpInAndOut =>
        Trigger == TriggerKind.Http
        && Bindings.Count(b => !b.IsOutput) == 1
        && Bindings.Count(b => b.IsOutput) == 1
        && Bindings.Any(b => b.IsOutput && string.Equals(b.Type, "http", StringComparison.OrdinalIgnoreCase));
}
