namespace OrderTracking.DevHost.Startup;

/// <summary>
/// Work the run command does once the DevHost is serving (for example seeding a demo order). Register implementations
/// in <see cref="DevHostProgram.StartupTasks"/>.
/// </summary>
internal interface IDevHostStartupTask
{
    Task RunAsync(DevHostStartupContext context, CancellationToken cancellationToken);
}
