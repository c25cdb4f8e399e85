using Microsoft.Extensions.Logging;
using OrderTracking.Core.Notifications;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;

namespace OrderTracking.Azure.Sms;

/// <summary>
/// <see cref="ISmsSender"/> on Twilio's Messages API through the Twilio SDK (<c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>),
/// one <see cref="TwilioRestClient"/> per process. Twilio has no idempotency key for messages, so this sender makes one
/// attempt and says what it knows: a 429 is <see cref="SmsRejectedException"/> retryable (not processed), any other
/// 4xx is a permanent rejection with Twilio's code, and a 5xx, a timeout or a connection failure are ambiguous (the
/// exception propagates as is). The caller's ledger decides what happens next.
/// </summary>
public sealed partial class TwilioSmsSender : ISmsSender
{
    private readonly TwilioRestClient _client;
    private readonly SmsOptions _options;
    private readonly ILogger<TwilioSmsSender> _logger;

    public TwilioSmsSender(SmsOptions options, System.Net.Http.HttpClient http, ILogger<TwilioSmsSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        _options = options;
        _logger = logger;
        bool apiKey = !string.IsNullOrWhiteSpace(options.ApiKey);
        // With an API key the account SID must be given separately: it fills {AccountSid} in the path.
        _client = new TwilioRestClient(
            apiKey ? options.ApiKey : options.AccountSid,
            apiKey ? options.ApiSecret : options.AuthToken,
            accountSid: options.AccountSid,
            httpClient: new SystemNetHttpClient(http));
    }

    /// <summary>An <see cref="System.Net.Http.HttpClient"/> for Twilio: <c>Twilio:BaseUrl</c> (when set) replaces the SDK's fixed host.</summary>
    public static System.Net.Http.HttpClient CreateHttpClient(SmsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false };
        System.Net.Http.HttpMessageHandler pipeline = options.BaseUrl is { } baseUrl
            ? new BaseUrlHandler(new Uri(baseUrl)) { InnerHandler = handler }
            : handler;
        return new System.Net.Http.HttpClient(pipeline) { Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task<SmsSendResult> SendAsync(SmsMessage message, string operationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var create = new CreateMessageOptions(new Twilio.Types.PhoneNumber(message.To))
        {
            Body = message.Body,
            ValidityPeriod = (int)_options.ValidityPeriod.TotalSeconds,
        };
        if (!string.IsNullOrWhiteSpace(_options.MessagingServiceSid))
        {
            create.MessagingServiceSid = _options.MessagingServiceSid;
        }
        else
        {
            create.From = new Twilio.Types.PhoneNumber(_options.From);
        }

        try
        {
            MessageResource sent = await MessageResource.CreateAsync(create, _client).ConfigureAwait(false);
            string status = sent.Status?.ToString() ?? "unknown";
            LogSent(_logger, sent.Sid, status);
            return new SmsSendResult(sent.Sid);
        }
        catch (ApiException ex) when (ex.Status is >= 400 and < 500)
        {
            bool retryable = ex.Status == 429 || ex.Code == 20429;
            LogRejected(_logger, ex.Status, ex.Code, retryable);
            throw new SmsRejectedException($"Twilio refused the message: HTTP {ex.Status}, code {ex.Code}.", ex.Status, ex.Code, retryable, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS accepted by Twilio: {Sid} ({Status})")]
    private static partial void LogSent(ILogger logger, string sid, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS refused by Twilio: HTTP {Status}, code {Code} (retryable: {Retryable})")]
    private static partial void LogRejected(ILogger logger, int status, int code, bool retryable);

    /// <summary>Sends every request to <c>Twilio:BaseUrl</c>'s scheme, host and port, keeping the SDK's path and query.</summary>
    private sealed class BaseUrlHandler(Uri baseUrl) : System.Net.Http.DelegatingHandler
    {
        protected override Task<System.Net.Http.HttpResponseMessage> SendAsync(System.Net.Http.HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = new UriBuilder(request.RequestUri!) { Scheme = baseUrl.Scheme, Host = baseUrl.Host, Port = baseUrl.Port };
            request.RequestUri = target.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
