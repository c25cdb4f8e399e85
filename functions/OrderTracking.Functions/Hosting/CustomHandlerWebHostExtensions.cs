namespace OrderTracking.Functions.Hosting;

/// <summary>Binds Kestrel where the Functions host expects the handler (reference §1.2).</summary>
internal static class CustomHandlerWebHostExtensions
{
    /// <summary>
    /// Listens on <c>127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT</c> (or the legacy <c>FUNCTIONS_HTTPWORKER_PORT</c>);
    /// 7072 when started by hand.
    /// </summary>
    public static IWebHostBuilder UseCustomHandlerPort(this IWebHostBuilder webHost)
    {
        string port = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT")
            ?? Environment.GetEnvironmentVariable("FUNCTIONS_HTTPWORKER_PORT")
            ?? "7072";
        return webHost.UseUrls($"http://127.0.0.1:{port}");
    }
}
