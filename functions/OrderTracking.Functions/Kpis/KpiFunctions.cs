using Microsoft.Azure.Functions.Worker;
using OrderTracking.Core.Kpis;
using OrderTracking.Functions.Hosting;
using OrderTracking.Functions.Storage;

namespace OrderTracking.Functions.Kpis;

/// <summary>
/// <c>Kpis</c> (<c>GET /api/kpis</c>) and <c>Dashboard</c> (<c>GET /api/dashboard</c>), function key: the delivery KPIs
/// of a range of days as JSON and as a page of charts (docs/kpis.md). Both read only the <c>Kpis</c> aggregate rows of
/// the days asked for (one row-key range query per day), never the shipments.
/// </summary>
internal sealed partial class KpiFunctions(KpiStore store, StorageContext storage, TimeProvider time, ILogger<KpiFunctions> logger)
{
    public const string KpisName = "Kpis";
    public const string DashboardName = "Dashboard";

    [Function(KpisName)]
    public async Task<IResult> KpisAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "kpis")] HttpRequest request, CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        (KpiReport? report, IResult? problem) = await ReportAsync(request, cancellationToken);
        return problem ?? Results.Ok(report);
    }

    [Function(DashboardName)]
    public async Task<IResult> DashboardAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "dashboard")] HttpRequest request, CancellationToken cancellationToken)
    {
        HttpResponse response = request.HttpContext.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        response.Headers["Referrer-Policy"] = "no-referrer"; // the function key is in the URL
        (KpiReport? report, IResult? problem) = await ReportAsync(request, cancellationToken);
        return problem ?? Results.Content(DashboardPage.Render(report!, time.GetUtcNow()), "text/html; charset=utf-8");
    }

    private async Task<(KpiReport? Report, IResult? Problem)> ReportAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        (KpiQuery? query, IResult? problem) = KpiQuery.Parse(request.Query, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (query is null)
        {
            return (null, problem);
        }

        try
        {
            await storage.EnsureCreatedAsync(cancellationToken);
            IReadOnlyList<KpiRow> rows = await store.GetAsync(query.From, query.To, cancellationToken);
            return (KpiReport.Build(rows, query.From, query.To, query.Carrier, query.Source), null);
        }
        catch (Exception ex) when (StorageContext.IsUnavailable(ex))
        {
            string error = ex.GetType().Name;
            LogUnavailable(logger, error);
            request.HttpContext.Response.Headers.RetryAfter = "30";
            return (null, Problems.Create(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "The KPIs could not be read; retry later."));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "KPIs: storage unavailable ({Error}); answered 503")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
