using Microsoft.Extensions.Logging;
using OrderTracking.Core.Carriers;

namespace OrderTracking.Carriers.Http;

/// <summary>Carrier log messages. Never logs tokens, credentials or payloads; tracking numbers are not logged either.</summary>
internal static partial class CarrierLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Carrier {Carrier} call ended {Kind}: {Error}")]
    public static partial void CallEnded(ILogger logger, string carrier, CarrierResultKind kind, string? error);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Carrier {Carrier} sent unmapped status code {Code}; mapped to unknown")]
    public static partial void UnknownStatusCode(ILogger logger, string carrier, string code);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Carrier {Carrier} rejected the access token; refreshing once")]
    public static partial void TokenRejected(ILogger logger, string carrier);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Carrier {Carrier} sent a response we could not parse: {Error}")]
    public static partial void Malformed(ILogger logger, string carrier, string error);
}
