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
        string lang = request.Query["lang"].ToString() is "es" ? "es" : "en";
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

    private static string ReadAsset(string name)
    {
        Assembly assembly = typeof(WidgetEndpoints).Assembly;
        using Stream stream = assembly.GetManifestResourceStream($"OrderTracking.Functions.Widget.Assets.{name}")
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
