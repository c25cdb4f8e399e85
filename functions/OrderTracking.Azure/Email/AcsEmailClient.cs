using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using OrderTracking.Azure.Email.Wire;
using CoreEmailMessage = OrderTracking.Core.Notifications.EmailMessage;

namespace OrderTracking.Azure.Email;

/// <summary>
/// Azure Communication Services Email REST client on Azure.Core: <c>POST {endpoint}/emails:send?api-version=…</c>
/// (spec: azure-rest-api-specs <c>specification/communication/data-plane/Email/stable/2025-09-01</c>).
/// </summary>
/// <remarks>
/// Idempotency: the caller's deterministic UUID goes into <c>Operation-Id</c> (the id ACS gives the long-running send)
/// and into <c>Repeatability-Request-Id</c> with <c>Repeatability-First-Sent</c> fixed for the whole call, so Azure.Core's
/// own retries of the same POST are recognised as repeats (ACS tracks repeatable requests for 5 minutes,
/// learn.microsoft.com/rest/api/communication/repeatable-requests). Across queue retries the ledger is the guard.
/// </remarks>
public class AcsEmailClient
{
    /// <summary>Entra ID scope, exactly as the Azure Communication SDKs request it (resource URI + <c>/.default</c>).</summary>
    public const string EntraScope = "https://communication.azure.com//.default";

    private readonly Uri _endpoint;
    private readonly HttpPipeline _pipeline;
    private readonly AcsEmailClientOptions _options;

    /// <summary>Access-key (HMAC) authentication from a connection string <c>endpoint=…;accesskey=…</c>.</summary>
    public AcsEmailClient(string connectionString, AcsEmailClientOptions? options = null)
    {
        AcsConnectionString parsed = AcsConnectionString.Parse(connectionString);
        _options = options ?? new AcsEmailClientOptions();
        _endpoint = parsed.Endpoint;
        _pipeline = HttpPipelineBuilder.Build(_options, new AcsHmacAuthenticationPolicy(parsed.AccessKey, _options.TimeProvider));
    }

    /// <summary>Entra ID authentication (e.g. <c>DefaultAzureCredential</c>) with <see cref="EntraScope"/>.</summary>
    public AcsEmailClient(Uri endpoint, TokenCredential credential, AcsEmailClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        _options = options ?? new AcsEmailClientOptions();
        _endpoint = endpoint;
        _pipeline = HttpPipelineBuilder.Build(_options, new BearerTokenAuthenticationPolicy(credential, EntraScope));
    }

    /// <summary>For mocking.</summary>
    protected AcsEmailClient()
    {
        _endpoint = null!;
        _pipeline = null!;
        _options = null!;
    }

    /// <summary>The resource endpoint (not secret; safe to log).</summary>
    public virtual Uri Endpoint => _endpoint;

    /// <summary>
    /// Queues <paramref name="message"/> for sending. Returns the ACS operation id on <c>202 Accepted</c>; throws
    /// <see cref="RequestFailedException"/> (status + ACS error code) on any other answer after Azure.Core's retries.
    /// </summary>
    public virtual async Task<string> SendAsync(CoreEmailMessage message, Guid operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using HttpMessage httpMessage = CreateSendRequest(message, operationId);
        await _pipeline.SendAsync(httpMessage, cancellationToken).ConfigureAwait(false);
        Response response = httpMessage.Response;
        if (response.Status != 202)
        {
            throw new RequestFailedException(response);
        }

        EmailSendResult? result = response.Content.ToMemory().Length == 0
            ? null
            : JsonSerializer.Deserialize(response.Content.ToMemory().Span, AcsJsonContext.Default.EmailSendResult);
        return result?.Id ?? operationId.ToString("D");
    }

    private HttpMessage CreateSendRequest(CoreEmailMessage message, Guid operationId)
    {
        HttpMessage httpMessage = _pipeline.CreateMessage();
        Request request = httpMessage.Request;
        request.Method = RequestMethod.Post;
        var uri = new RequestUriBuilder();
        uri.Reset(_endpoint);
        uri.AppendPath("/emails:send", escape: false);
        uri.AppendQuery("api-version", _options.ApiVersion, escapeValue: true);
        request.Uri = uri;
        string id = operationId.ToString("D");
        request.Headers.SetValue("Operation-Id", id);
        request.Headers.SetValue("Repeatability-Request-Id", id);
        request.Headers.SetValue(
            "Repeatability-First-Sent", _options.TimeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        request.Headers.SetValue(HttpHeader.Names.Accept, "application/json");
        var body = new Wire.EmailMessage(
            _options.SenderAddress,
            new EmailContent(message.Subject, message.PlainText, message.Html),
            new EmailRecipients([new EmailAddress(message.To, message.ToName)]),
            UserEngagementTrackingDisabled: true,
            Headers: message.ListHeaders.Count > 0 ? message.ListHeaders : null);
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body, AcsJsonContext.Default.EmailMessage));
        return httpMessage;
    }
}
