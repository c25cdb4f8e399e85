using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Security;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tracking;

namespace OrderTracking.Functions.Unsubscribe;

/// <summary>
/// <c>Unsubscribe</c>: <c>/api/unsubscribe?orderKey=…&amp;token=…</c>, the target of every email's
/// <c>List-Unsubscribe</c> header (RFC 8058). <c>POST</c> (the mailbox's one-click, or the page's button; no cookies,
/// no auth: the read token is the authorisation) marks the order unsubscribed and answers 200, never a redirect.
/// <c>GET</c> only shows a page with that button: link scanners prefetch GETs and must not unsubscribe anyone.
/// Unknown order or bad token: the same 404. After it, the order's shipped, out-for-delivery, delivered and delayed
/// messages (email and text) stop; an exception, which may need the customer to act, is still sent.
/// </summary>
internal sealed partial class UnsubscribeFunction(OrderStore orders, IOptions<TrackingOptions> options, TimeProvider time, ILogger<UnsubscribeFunction> logger)
{
    public const string Name = "Unsubscribe";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "unsubscribe")] HttpRequest request, CancellationToken cancellationToken)
    {
        string orderKey = request.Query["orderKey"].ToString();
        string token = request.Query["token"].ToString();
        HttpContext http = request.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        if (!OrderKey.IsValid(orderKey) || !ReadToken.Verify(options.Value.ReadTokenKeys, orderKey, token, time.GetUtcNow())
            || await orders.GetOrderAsync(orderKey, cancellationToken) is not { } order)
        {
            return Page(StatusCodes.Status404NotFound, "Link not valid", "This unsubscribe link is not valid (or the order is no longer kept).", null);
        }

        string number = WebUtility.HtmlEncode(order.OrderNumber ?? order.ExternalId);
        if (HttpMethods.IsPost(request.Method))
        {
            if (order.UnsubscribedAt is null)
            {
                await orders.UpsertOrderAsync(new OrderRecord { OrderKey = orderKey, Source = order.Source, ExternalId = order.ExternalId, UnsubscribedAt = time.GetUtcNow() }, cancellationToken);
                LogUnsubscribed(logger, order.Source);
            }

            return Page(StatusCodes.Status200OK, "Unsubscribed", $"You will get no more updates about order {number}, except if there is a problem with its delivery.", null);
        }

        string action = $"unsubscribe?orderKey={Uri.EscapeDataString(orderKey)}&amp;token={Uri.EscapeDataString(token)}";
        return Page(StatusCodes.Status200OK, "Stop delivery updates?", $"Stop emails and texts about the delivery of order {number}? You will still hear from us if there is a problem with it.", action);
    }

    private static IResult Page(int status, string title, string message, string? action) => Results.Content($"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>
        <body style="margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff"><main style="max-width:36rem;margin:0 auto;padding:1rem">
        <h1 style="font-size:1.4em">{title}</h1><p>{message}</p>
        {(action is null ? "" : $"""<form method="post" action="{action}"><button type="submit" style="font:inherit;padding:10px 16px;border:0;border-radius:6px;background:#0b57d0;color:#fff">Unsubscribe</button></form>""")}
        </main></body></html>
        """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unsubscribed: a {Source} order's customer stopped its delivery updates")]
    private static partial void LogUnsubscribed(ILogger logger, string source);
}
