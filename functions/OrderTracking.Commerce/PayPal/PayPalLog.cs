using Microsoft.Extensions.Logging;

namespace OrderTracking.Commerce.PayPal;

/// <summary>Source-generated log messages for PayPal (no secrets, no payloads, no emails).</summary>
internal static partial class PayPalLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "PayPal certificate could not be fetched from {Host}: {Reason}")]
    public static partial void CertificateFetchFailed(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "PayPal certificate from {Host} failed validation (chain, dates or subject)")]
    public static partial void CertificateRejected(ILogger logger, string host);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "PayPal webhook rejected: {Result}")]
    public static partial void WebhookRejected(ILogger logger, WebhookVerificationResult result);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "PayPal API call {Operation} failed with status {StatusCode}")]
    public static partial void ApiCallFailed(ILogger logger, string operation, int statusCode);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "PayPal access token acquired, valid for {Seconds} s")]
    public static partial void TokenAcquired(ILogger logger, long seconds);
}
