using System.Reflection;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Health;

/// <summary><c>Health</c>: <c>GET /api/health</c> → storage reachable + version; 503 when storage is not.</summary>
internal static class HealthEndpoints
{
    public const string FunctionName = "Health";

    private static readonly string s_version =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Ok()); // the host's readiness and status ping (reference §1.2)
        app.MapGet("/api/health", async (StorageContext storage, CancellationToken cancellationToken) =>
        {
            try
            {
                await storage.EnsureCreatedAsync(cancellationToken);
                await storage.Table(TableNames.Orders).GetEntityAsync("health", "probe", cancellationToken: cancellationToken);
                return Results.Ok(new { status = "healthy", version = s_version, storage = "reachable" });
            }
            catch (Exception ex) when (Ingestion.InboundQueue.IsUnavailable(ex) || ex is global::Azure.RequestFailedException)
            {
                return Results.Json(new { status = "unhealthy", version = s_version, storage = "unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
    }
}
