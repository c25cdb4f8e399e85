using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrderTracking.Core.Notifications;

namespace OrderTracking.Azure.Sms;

/// <summary>DI registration of the SMS port.</summary>
public static partial class SmsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SmsOptions"/> and <see cref="ISmsSender"/> (singletons): Twilio when <c>Twilio:AccountSid</c>
    /// and a secret are set, else the local outbox in <c>Sms:OutboxDirectory</c>. Half a Twilio configuration stops the
    /// app at start with the key named. The choice is logged (never a secret) on first use.
    /// </summary>
    public static IServiceCollection AddSms(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        SmsOptions options = SmsOptions.FromConfiguration(configuration);
        services.TryAddSingleton(options);
        services.TryAddSingleton<ISmsSender>(provider =>
        {
            ILoggerFactory loggers = provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            ILogger logger = loggers.CreateLogger(typeof(SmsServiceCollectionExtensions).FullName!);
            if (!options.UsesTwilio)
            {
                var outbox = new OutboxSmsSender(options, loggers.CreateLogger<OutboxSmsSender>());
                LogOutbox(logger, outbox.Directory);
                return outbox;
            }

            LogTwilio(logger, options.BaseUrl ?? "https://api.twilio.com", string.IsNullOrWhiteSpace(options.ApiKey) ? "auth token" : "API key");
            return new TwilioSmsSender(options, TwilioSmsSender.CreateHttpClient(options), loggers.CreateLogger<TwilioSmsSender>());
        });
        return services;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS: local outbox in {Directory} (Twilio not configured)")]
    private static partial void LogOutbox(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS: Twilio at {BaseUrl} ({Credential})")]
    private static partial void LogTwilio(ILogger logger, string baseUrl, string credential);
}
