using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderTracking.Carriers;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Security;
using OrderTracking.Functions.Hosting;
using OrderTracking.Functions.Ingestion;
using OrderTracking.Functions.Storage;
using OrderTracking.Functions.Tracking;

namespace OrderTracking.Functions.Registration;

/// <summary>
/// <c>RegisterShipments</c>: <c>POST /api/shipments</c> (function key, enforced by the host) for merchants' own
/// backends. Validates, enqueues the normalized event, answers the order key and a read token. Posting the same
/// body again enqueues an event that ingestion recognises as already applied.
/// </summary>
internal static partial class RegisterShipmentsEndpoints
{
    public const string FunctionName = "RegisterShipments";

    internal static async Task<IResult> HandleAsync(
        HttpContext http, CarrierResolver resolver, InboundQueue queue, IOptions<TrackingOptions> options, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        using System.Diagnostics.Activity? span = Telemetry.Start("register shipments", kind: System.Diagnostics.ActivityKind.Server);
        (byte[]? body, IResult? error) = await RequestBody.ReadJsonAsync(http.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        RegisterShipmentsRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<RegisterShipmentsRequest>(body, Json.Options);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Malformed JSON", "The body is not a JSON object of the documented shape.");
        }

        (OrderEvent? ev, Dictionary<string, string[]> errors) = RegisterShipmentsValidator.Validate(request, resolver);
        if (ev is null)
        {
            return Results.ValidationProblem(errors);
        }

        try
        {
            await queue.EnqueueAsync(ev, cancellationToken);
        }
        catch (InboundMessageTooLargeException)
        {
            return Problems.EventTooLarge(InboundQueue.MaxMessageBytes);
        }
        catch (Exception ex) when (InboundQueue.IsUnavailable(ex))
        {
            LogEnqueueFailed(loggers.CreateLogger(FunctionName), ex.GetType().Name);
            return Problems.StorageUnavailable(http);
        }

        string orderKey = ev.OrderKey;
        string token = ReadToken.Mint(options.Value.ReadTokenKeys[0], orderKey, time.GetUtcNow() + options.Value.TokenLifetime);
        return Results.Ok(new RegisterShipmentsResponse(orderKey, token));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Registration could not be enqueued ({Error}); answered 503")]
    private static partial void LogEnqueueFailed(ILogger logger, string error);
}
