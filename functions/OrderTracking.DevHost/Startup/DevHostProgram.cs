using System.Globalization;
using System.Runtime.InteropServices;
using OrderTracking.Azurite;

namespace OrderTracking.DevHost.Startup;

/// <summary>
/// <c>dotnet run --project functions/OrderTracking.DevHost</c>: configuration (appsettings, environment, command line;
/// <c>DevHost:Port</c> 7071, <c>DevHost:FunctionKey</c>, <c>DevHost:AppRoot</c>), builds the handler when no app root is
/// given, reads local.settings(.sample).json, ensures Azurite, starts the DevHost and runs the startup tasks.
/// </summary>
internal static class DevHostProgram
{
    /// <summary>
    /// Startup tasks, run in order once the DevHost serves requests.
    /// The run command's demo seeding (DevHost:Demo, see <see cref="Demo.DemoSeedTask"/>).
    /// </summary>
    internal static readonly List<IDevHostStartupTask> StartupTasks = [new Demo.DemoSeedTask()];

    public static async Task<int> RunAsync(string[] args)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args, new Dictionary<string, string> { ["--app-root"] = "DevHost:AppRoot", ["--worker-count"] = "DevHost:WorkerCount", ["--port"] = "DevHost:Port" })
            .Build();
        using ILoggerFactory loggerFactory = LoggerFactory.Create(b => b
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; }));
        ILogger logger = loggerFactory.CreateLogger("OrderTracking.DevHost");
        using var stopping = new CancellationTokenSource();
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stopping.Cancel(); });
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stopping.Cancel(); });
        try
        {
            await RunUntilStoppedAsync(configuration, loggerFactory, stopping.Token).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is DevHostConfigurationException or InvalidOperationException)
        {
            Console.Error.WriteLine($"DevHost: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogInformation("DevHost stopped.");
            return 0;
        }
    }

    private static async Task RunUntilStoppedAsync(IConfiguration configuration, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        string? repositoryRoot = RepositoryLocator.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        string appRoot = configuration["DevHost:AppRoot"] is { Length: > 0 } configured
            ? ResolveAppRoot(configured, repositoryRoot)
            : await HandlerBuilder.BuildAsync(
                repositoryRoot ?? throw new InvalidOperationException($"Cannot find {RepositoryLocator.SolutionFile} above the current folder; set DevHost:AppRoot (or --app-root)."),
                cancellationToken).ConfigureAwait(false);
        (string? settingsPath, Dictionary<string, string?> localValues) = repositoryRoot is null ? (null, new(StringComparer.OrdinalIgnoreCase)) : LocalSettingsReader.Read(repositoryRoot);

        // As Core Tools: a variable already in the environment wins over local.settings.json.
        (Dictionary<string, string?> settings, IReadOnlyList<string> skipped) = AppSettingsResolver.Resolve(localValues, Environment.GetEnvironmentVariable);
        foreach (string name in skipped)
        {
            Console.WriteLine($"Skipping '{name}' from local settings as it's already defined in current environment variables.");
        }

        string? Effective(string key) => AppSettingsResolver.Effective(key, settings, Environment.GetEnvironmentVariable);
        if (Effective("AZURE_FUNCTIONS_ENVIRONMENT") is null)
        {
            settings["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development"; // as Core Tools sets it for local runs
        }

        // The worker runs in the app root (the build output): a relative outbox would land there, out of sight.
        foreach (string key in new[] { "Email__OutboxDirectory", "Sms__OutboxDirectory" })
        {
            if (repositoryRoot is not null && Effective(key) is { Length: > 0 } outbox && !Path.IsPathRooted(outbox))
            {
                settings[key] = Path.Combine(repositoryRoot, outbox);
            }
        }

        await using AzuriteInstance azurite = await AzuriteInstance.StartAsync(
            new AzuriteOptions
            {
                RepositoryRoot = repositoryRoot,
                InMemory = false,
                DataDirectory = repositoryRoot is null ? null : Path.Combine(repositoryRoot, ".azurite"),
                BlobPort = 10000,
                QueuePort = 10001,
                TablePort = 10002,
                ReuseIfListening = true,
                ExistingConnectionString = Effective("AzureWebJobsStorage") ?? configuration["AzureWebJobsStorage"],
                StartTimeout = TimeSpan.FromMinutes(3),
            },
            cancellationToken).ConfigureAwait(false);

        var options = new DevHostOptions
        {
            AppRoot = appRoot,
            Port = configuration.GetValue<int?>("DevHost:Port") ?? (int.TryParse(Effective("DevHost__Port"), out int port) ? port : 7071),
            StorageConnectionString = azurite.ConnectionString,
            FunctionKey = configuration["DevHost:FunctionKey"] ?? Effective("DevHost__FunctionKey"),
            WorkerCount = configuration.GetValue<int?>("DevHost:WorkerCount") ?? (int.TryParse(Effective("DevHost__WorkerCount"), out int workers) ? workers : 1),
        };
        foreach ((string key, string? value) in settings)
        {
            options.Settings[key] = value;
        }

        await using DevHostServer server = await DevHostServer.StartAsync(options, loggerFactory, cancellationToken).ConfigureAwait(false);
        PrintBanner(server, appRoot, settingsPath);
        var effective = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase);
        foreach (string name in skipped)
        {
            effective[name] = Effective(name);
        }

        await RunStartupTasksAsync(new DevHostStartupContext(server, configuration, effective, repositoryRoot), cancellationToken).ConfigureAwait(false);
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A relative app root is taken from the current folder, else from the repository root (<c>dotnet run</c> may change folder).</summary>
    private static string ResolveAppRoot(string configured, string? repositoryRoot)
    {
        string fromCurrent = Path.GetFullPath(configured);
        return Path.IsPathRooted(configured) || Directory.Exists(fromCurrent) || repositoryRoot is null
            ? fromCurrent
            : Path.GetFullPath(Path.Combine(repositoryRoot, configured));
    }

    /// <summary>Runs <see cref="StartupTasks"/> in order (the lead adds the demo seeding there).</summary>
    private static async Task RunStartupTasksAsync(DevHostStartupContext context, CancellationToken cancellationToken)
    {
        foreach (IDevHostStartupTask task in StartupTasks)
        {
            await task.RunAsync(context, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void PrintBanner(DevHostServer server, string appRoot, string? settingsPath)
    {
        Console.WriteLine();
        string mode = $"isolated worker x{server.Workers.Count}";
        Console.WriteLine($"DevHost listening on {server.BaseAddress}  ({mode}; app root {appRoot}; settings {settingsPath ?? "none"})");
        Console.WriteLine($"Function key (x-functions-key or ?code=): {server.FunctionKey}");
        Console.WriteLine("Functions:");
        foreach (FunctionDescriptor function in server.Functions.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {function.Name,-20} {Describe(server, function)}"));
        }

        Console.WriteLine();
    }

    private static string Describe(DevHostServer server, FunctionDescriptor function) => function.Trigger switch
    {
        TriggerKind.Http => $"[{string.Join(",", (function.TriggerBinding.Raw["methods"]?.AsArray() ?? []).Select(m => m?.ToString().ToUpperInvariant()))}] {server.BaseAddress.AbsoluteUri.TrimEnd('/')}{server.RoutePattern(function)}",
        TriggerKind.Queue => $"queue {function.TriggerBinding.GetString("queueName")}",
        _ => $"timer {function.TriggerBinding.GetString("schedule")}",
    };
}
