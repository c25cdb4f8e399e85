namespace OrderTracking.DevHost;

/// <summary>A function as the worker reported it (<c>FunctionMetadataResponse</c>).</summary>
/// <param name="Name">The function name.</param>
/// <param name="Trigger">The trigger kind.</param>
/// <param name="TriggerBinding">The trigger binding.</param>
/// <param name="Bindings">All bindings in file order.</param>
public sealed record FunctionDescriptor(string Name, TriggerKind Trigger, BindingDescriptor TriggerBinding, IReadOnlyList<BindingDescriptor> Bindings)
{
    /// <summary>Output bindings.</summary>
    public IEnumerable<BindingDescriptor> Outputs => Bindings.Where(b => b.IsOutput);

}
