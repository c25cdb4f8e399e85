using System.Net;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace OrderTracking.Functions.Widget;

/// <summary>
/// <c>Widget</c>: <c>GET /api/widget.js</c> (a dependency-free <c>&lt;order-tracking&gt;</c> web component for
/// storefronts) and <c>GET /api/track?orderKey=…&amp;token=…</c>, the page the emails link to. The page has no
/// external resources and a strict CSP; values reach the DOM only as text (the component builds nodes, no HTML).
/// </summary>
internal static class WidgetEndpoints
{
    private static readonly string s_script = ReadAsset("widget.js");

    public const string FunctionName = "Widget";

    /// <summary><c>GET /api/widget.js</c> or <c>GET /api/track</c> (one function, one route with a regex constraint).</summary>
    [Function(FunctionName)]
    public static IResult Run(
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
        return Results.Content(Page(request.Query["orderKey"].ToString(), request.Query["token"].ToString()), "text/html; charset=utf-8");
    }

    private static string Page(string orderKey, string token) => $"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Order tracking</title></head>
        <body style="max-width:40rem;margin:2rem auto;padding:0 1rem;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a">
        <h1 style="font-size:1.4em">Order tracking</h1>
        <order-tracking order-key="{WebUtility.HtmlEncode(orderKey)}" token="{WebUtility.HtmlEncode(token)}"></order-tracking>
        <script src="widget.js"></script>
        </body>
        </html>
        """;

    private static string ReadAsset(string name)
    {
        Assembly assembly = typeof(WidgetEndpoints).Assembly;
        using Stream stream = assembly.GetManifestResourceStream($"OrderTracking.Functions.Widget.Assets.{name}")
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
