using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Health;

/// <summary><c>Health</c>: <c>GET /api/health</c> → storage reachable + version; 503 when storage is not.</summary>
internal sealed class HealthFunction(StorageContext storage)
{
    public const string FunctionName = "Health";

    private static readonly string s_version =
        typeof(HealthFunction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    [Function(FunctionName)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        try
        {
            await storage.EnsureCreatedAsync(cancellationToken);
            await storage.Table(TableNames.Orders).FindAsync("health", "probe", ["PartitionKey"], cancellationToken);
            return Results.Ok(new { status = "healthy", version = s_version, storage = "reachable" });
        }
        catch (Exception ex) when (Ingestion.InboundQueue.IsUnavailable(ex) || ex is global::Azure.RequestFailedException)
        {
            return Results.Json(new { status = "unhealthy", version = s_version, storage = "unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
