using Microsoft.Net.Http.Headers;

namespace OrderTracking.Functions.Tracking;

/// <summary>CORS for the read API: only origins listed in <c>Tracking:AllowedOrigins</c> get the allow headers.</summary>
internal static class Cors
{
    public static void Apply(HttpContext http, TrackingOptions options, bool preflight)
    {
        http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        string? origin = http.Request.Headers.Origin;
        if (string.IsNullOrEmpty(origin))
        {
            return;
        }

        bool any = options.Origins.Contains("*");
        if (!any && !options.Origins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        http.Response.Headers.AccessControlAllowOrigin = any ? "*" : origin;
        http.Response.Headers.AccessControlExposeHeaders = "ETag";
        if (preflight)
        {
            http.Response.Headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
            http.Response.Headers.AccessControlAllowHeaders = "Content-Type, If-None-Match";
            http.Response.Headers.AccessControlMaxAge = "600";
        }
    }
}
