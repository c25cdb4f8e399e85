using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderTracking.Core.Security;
using OrderTracking.Functions.Hosting;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tracking;

namespace OrderTracking.Functions.Lookup;

/// <summary>Body of <c>POST /api/tracking/lookup</c>.</summary>
internal sealed record LookupRequest(string? OrderNumber, string? Email);

/// <summary>Answer of a successful lookup: what <c>GET /api/tracking/{orderKey}</c> and the page need.</summary>
internal sealed record LookupResponse(string OrderKey, string Token);

/// <summary>
/// <c>TrackingLookup</c>: <c>POST /api/tracking/lookup {"orderNumber", "email"}</c> (DESIGN §9): <c>200</c>
/// <c>{"orderKey", "token"}</c> when both match; one <c>404</c> for every miss (no oracle); <c>429</c> with
/// <c>Retry-After</c> past the limits; <c>400</c> for a malformed body; CORS as the read API.
/// </summary>
internal static partial class TrackingLookupEndpoints
{
    public const string FunctionName = "TrackingLookup";

    /// <summary>Longest order number accepted, after normalisation.</summary>
    public const int MaxOrderNumberLength = 64;

    internal static async Task<IResult> HandleAsync(
        HttpContext http, OrderLookup lookup, StorageContext storage, IOptions<TrackingOptions> options, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        TrackingOptions settings = options.Value;
        Cors.Apply(http, settings, preflight: false);
        http.Response.Headers.CacheControl = "no-store";
        (byte[]? body, IResult? error) = await RequestBody.ReadJsonAsync(http.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        LookupRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<LookupRequest>(body, Json.Options);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Malformed JSON", "Send a JSON object: {\"orderNumber\": \"…\", \"email\": \"…\"}.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string number = LookupHash.NormalizeOrderNumber(request.OrderNumber);
        if (number.Length == 0 || number.Length > MaxOrderNumberLength)
        {
            errors["orderNumber"] = [$"Give the order number (1-{MaxOrderNumberLength} characters), e.g. #1001."];
        }

        string email = LookupHash.NormalizeEmail(request.Email);
        int at = email.IndexOf('@', StringComparison.Ordinal);
        if (email.Length > LookupHash.MaxInputLength || at <= 0 || at == email.Length - 1)
        {
            errors["email"] = ["Give the email address the order was placed with."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        LookupAnswer answer;
        try
        {
            await storage.EnsureCreatedAsync(cancellationToken);
            answer = await lookup.FindAsync(number, email, http.Connection.RemoteIpAddress, cancellationToken);
        }
        catch (Exception ex) when (StorageContext.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(loggers.CreateLogger(FunctionName), ex.GetType().Name);
            http.Response.Headers.RetryAfter = "30";
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "The lookup could not be done; retry later.");
        }

        switch (answer.Outcome)
        {
            case LookupOutcome.Found:
                string token = ReadToken.Mint(settings.ReadTokenKeys[0], answer.OrderKey!, time.GetUtcNow() + settings.TokenLifetime);
                return Results.Ok(new LookupResponse(answer.OrderKey!, token));
            case LookupOutcome.Limited:
                int seconds = Math.Max(1, (int)Math.Ceiling(answer.RetryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Problems.Create(StatusCodes.Status429TooManyRequests, "Too many attempts", "Too many lookups; try again later.");
            default:
                return Problems.Create(StatusCodes.Status404NotFound, "Not found", "No order matches this order number and email.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Lookup: storage unavailable ({Error}); answered 503")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
