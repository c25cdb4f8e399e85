namespace OrderTracking.Functions.Hosting;

/// <summary>RFC 9457 problem responses with a fixed shape; details never echo secrets or payload content.</summary>
internal static class Problems
{
    public static IResult Create(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);

    /// <summary>The event would not fit in a queue message: 413, and nothing stored.</summary>
    public static IResult EventTooLarge(int maxBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The event is larger than the {maxBytes} bytes one queue message holds once normalized.");

    /// <summary>Storage could not take the event: 503 with Retry-After so the platform retries later.</summary>
    public static IResult StorageUnavailable(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "30";
        return Create(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "The event could not be stored; retry later.");
    }
}
