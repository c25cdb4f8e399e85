using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrderTracking.Core.Notifications;

namespace OrderTracking.Azure.Email;

/// <summary>DI registration of the email port.</summary>
public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEmailSender"/> (singleton) from the <c>Email</c> section: <c>Email:ConnectionString</c> →
    /// ACS with access-key signing; else <c>Email:Endpoint</c> → ACS with <c>DefaultAzureCredential</c>; else the local
    /// outbox in <c>Email:OutboxDirectory</c>. The choice is logged (host or folder only, never a key) on first use.
    /// Uses the registered <see cref="TimeProvider"/> when there is one.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        EmailOptions options = EmailOptions.FromConfiguration(configuration);
        services.TryAddSingleton(options);
        services.TryAddSingleton<IEmailSender>(provider => Create(provider, options));
        return services;
    }

    private static IEmailSender Create(IServiceProvider provider, EmailOptions options)
    {
        ILoggerFactory loggers = provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        ILogger logger = loggers.CreateLogger(typeof(EmailServiceCollectionExtensions).FullName!);
        TimeProvider time = provider.GetService<TimeProvider>() ?? TimeProvider.System;
        if (!options.UsesAcs)
        {
            var outbox = new OutboxEmailSender(options, time, loggers.CreateLogger<OutboxEmailSender>());
            EmailLog.UsingOutbox(logger, outbox.Directory);
            return outbox;
        }

        var clientOptions = new AcsEmailClientOptions { ApiVersion = options.ApiVersion, SenderAddress = options.Sender, TimeProvider = time };
        AcsEmailClient client;
        if (options.ConnectionString is { } connectionString)
        {
            client = new AcsEmailClient(connectionString, clientOptions);
            EmailLog.UsingAcs(logger, client.Endpoint.Host, "access key");
        }
        else
        {
            if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out Uri? endpoint))
            {
                throw new InvalidOperationException("Email:Endpoint must be an absolute URL such as https://<resource>.communication.azure.com.");
            }

            client = new AcsEmailClient(endpoint, new DefaultAzureCredential(), clientOptions);
            EmailLog.UsingAcs(logger, endpoint.Host, "Entra ID");
        }

        return new AcsEmailSender(client, loggers.CreateLogger<AcsEmailSender>());
    }
}
