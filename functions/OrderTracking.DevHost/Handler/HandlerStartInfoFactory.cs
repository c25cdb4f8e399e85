using System.Diagnostics;
using OrderTracking.DevHost.Configuration;

namespace OrderTracking.DevHost.Handler;

/// <summary>Builds the handler's process start info the way <c>HttpWorkerProcess.CreateWorkerProcess</c> does (reference §1.2).</summary>
internal static class HandlerStartInfoFactory
{
    public static ProcessStartInfo Create(HostSettings host, string appRoot, int port, string workerId, IReadOnlyDictionary<string, string?> settings)
    {
        var info = new ProcessStartInfo(host.ExecutablePath)
        {
            WorkingDirectory = host.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        foreach (string argument in host.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach ((string key, string? value) in settings)
        {
            info.Environment[key] = value;
            if (key.Contains(':', StringComparison.Ordinal))
            {
                // ASP.NET Core reads Section__Key from the environment; a colon is not portable in variable names.
                info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        string portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = portText;
        info.Environment["FUNCTIONS_HTTPWORKER_PORT"] = portText;
        info.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = workerId;
        info.Environment["FUNCTIONS_HTTPWORKER_ID"] = workerId;
        info.Environment["FUNCTIONS_APP_ROOT_PATH"] = appRoot;
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        return info;
    }
}
