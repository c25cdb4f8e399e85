using System.Net;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Security;
using OrderTracking.Functions.Kpis;
using OrderTracking.Functions.Notifications;
using OrderTracking.Functions.Tracking;

namespace OrderTracking.Functions.Widget;

/// <summary>
/// <c>Widget</c>: <c>GET /api/widget.js</c> (a dependency-free <c>&lt;order-tracking&gt;</c> web component for
/// storefronts) and <c>GET /api/track?orderKey=…&amp;token=…</c>, the page the emails link to. The page has no
/// external resources and a strict CSP; values reach the DOM only as text (the component builds nodes, no HTML).
/// A page opened from an email's or text's link (its campaign marker, <see cref="TrackingCampaign"/>, and a valid
/// token) is counted as an open of that message in the KPIs.
/// </summary>
internal sealed partial class WidgetEndpoints(KpiRecorder kpis, IOptions<TrackingOptions> tracking, NotificationOptions notifications, TimeProvider time, ILogger<WidgetEndpoints> logger)
{
    private static readonly string s_script = ReadAsset("widget.js");

    public const string FunctionName = "Widget";

    /// <summary><c>GET /api/widget.js</c> or <c>GET /api/track</c> (one function, one route with a regex constraint).</summary>
    [Function(FunctionName)]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{asset:regex(^(widget\\.js|track)$)}")] HttpRequest request,
        string asset)
    {
        HttpContext http = request.HttpContext;
        if (asset == "widget.js")
        {
            http.Response.Headers.CacheControl = "public, max-age=300";
            http.Response.Headers.AccessControlAllowOrigin = "*";
            return Results.Text(s_script, "text/javascript; charset=utf-8");
        }

        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer"; // the token is in the URL: don't leak it to carrier sites
        string lang = request.Query["lang"].ToString() is "es" ? "es" : "en";
        await RecordOpenAsync(request, http.RequestAborted);
        return Results.Content(Page(request.Query["orderKey"].ToString(), request.Query["token"].ToString(), lang), "text/html; charset=utf-8");
    }

    /// <summary>
    /// The page the emails link to (<c>?orderKey=…&amp;token=…&amp;lang=es</c>); without a key and token the widget shows
    /// the lookup form. <c>lang</c> (<c>en</c>, <c>es</c>) names the page's language; the widget follows the order's.
    /// </summary>
    private static string Page(string orderKey, string token, string lang)
    {
        (string title, string noScript) = lang == "es"
            ? ("Seguimiento del pedido", "Activa JavaScript para ver el seguimiento.")
            : ("Order tracking", "Turn on JavaScript to see the tracking.");
        string attributes = orderKey.Length > 0 || token.Length > 0
            ? $""" order-key="{WebUtility.HtmlEncode(orderKey)}" token="{WebUtility.HtmlEncode(token)}" """.TrimEnd()
            : string.Empty;
        return $"""
            <!doctype html>
            <html lang="{lang}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title}</title></head>
            <body style="margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff">
            <main style="max-width:40rem;margin:0 auto;padding:1rem">
            <h1 style="font-size:1.4em;margin:.5rem 0 1rem">{title}</h1>
            <order-tracking{attributes}></order-tracking>
            <noscript><p>{noScript}</p></noscript>
            </main>
            <script src="widget.js"></script>
            </body>
            </html>
            """;
    }

    /// <summary>
    /// Counts an open when the link is one we sent: a campaign marker, a valid token for the order, and a send day no
    /// older than the links live. Best effort: the page is served whatever storage answers.
    /// </summary>
    private async Task RecordOpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (TrackingCampaign.Parse(request.Query) is not { } campaign)
        {
            return;
        }

        string orderKey = request.Query["orderKey"].ToString();
        DateTimeOffset now = time.GetUtcNow();
        DateOnly today = DateOnly.FromDateTime(now.UtcDateTime);
        if (campaign.SentOn > today || campaign.SentOn < today.AddDays(-(int)Math.Ceiling(notifications.LinkLifetime.TotalDays) - 1)
            || !OrderKey.IsValid(orderKey) || !ReadToken.Verify(tracking.Value.ReadTokenKeys, orderKey, request.Query["token"].ToString(), now))
        {
            return;
        }

        try
        {
            await kpis.OpenedAsync(orderKey, campaign.Channel, campaign.Milestone, campaign.SentOn, cancellationToken);
        }
        catch (Exception ex) when (ex is global::Azure.RequestFailedException || Storage.StorageContext.IsUnavailable(ex))
        {
            LogOpenNotCounted(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A tracking page open was not counted in the KPIs: storage answered {Error}")]
    private static partial void LogOpenNotCounted(ILogger logger, string error);

    private static string ReadAsset(string name)
    {
        Assembly assembly = typeof(WidgetEndpoints).Assembly;
        using Stream stream = assembly.GetManifestResourceStream($"OrderTracking.Functions.Widget.Assets.{name}")
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
