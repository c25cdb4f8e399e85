namespace OrderTracking.Carriers.Sandbox;

/// <summary>Options of the sandbox carrier (configuration section <c>Carriers:Sandbox</c>).</summary>
public sealed class SandboxOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Carriers:Sandbox";

    /// <summary>Seconds between two journey steps, counted from the shipment's registration. Default 60, minimum 1.</summary>
    public int StepSeconds { get; set; } = 60;
}
