using System.Diagnostics;

namespace OrderTracking.DevHost.Worker;

/// <summary>
/// The command line and environment of a worker process, as the host builds them (reference §1.2, §1.3):
/// <c>&lt;executable&gt; "&lt;worker path&gt;" --host … --functions-uri http://127.0.0.1:&lt;p&gt;/ --functions-worker-id &lt;id&gt;
/// --functions-request-id &lt;id&gt; --functions-grpc-max-message-length 2147483647</c>, no shell, stdout/stderr redirected,
/// the app root as working directory, the DevHost's environment plus the app settings and the host's variables.
/// </summary>
internal static class WorkerStartInfoFactory
{
    public const string MaxMessageLength = "2147483647";

    /// <summary>Variables that would point the worker's own Kestrel elsewhere or confuse its gRPC client; never inherited.</summary>
    private static readonly string[] s_removed =
    [
        "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS",
        "Functions__Worker__HostEndpoint", "Functions__Worker__WorkerId", "Functions__Worker__RequestId", "Functions__Worker__GrpcMaxMessageLength",
    ];

    public static ProcessStartInfo Create(WorkerProcessOptions options, string workerId, string requestId)
    {
        var info = new ProcessStartInfo(options.Config.ExecutablePath)
        {
            WorkingDirectory = options.AppRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        if (options.Config.WorkerPath.Length > 0)
        {
            info.ArgumentList.Add(options.Config.WorkerPath);
        }

        string port = options.GrpcUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string argument in new[]
        {
            "--host", "127.0.0.1", "--port", port, "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", MaxMessageLength,
            "--functions-uri", options.GrpcUri.AbsoluteUri, "--functions-worker-id", workerId, "--functions-request-id", requestId,
            "--functions-grpc-max-message-length", MaxMessageLength,
        })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (string name in s_removed)
        {
            info.Environment.Remove(name);
        }

        foreach ((string key, string? value) in options.Settings)
        {
            info.Environment[key] = value;
            if (key.Contains(':', StringComparison.Ordinal))
            {
                info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        info.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        info.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = options.AppRoot;
        info.Environment["FUNCTIONS_WORKER_DIRECTORY"] = options.AppRoot;
        info.Environment["FUNCTIONS_WORKER_RUNTIME_VERSION"] = "10.0";
        if (!info.Environment.TryGetValue("AZURE_FUNCTIONS_ENVIRONMENT", out string? environment) || string.IsNullOrEmpty(environment))
        {
            info.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        }

        return info;
    }
}
