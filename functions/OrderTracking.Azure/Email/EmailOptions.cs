using Microsoft.Extensions.Configuration;

namespace OrderTracking.Azure.Email;

/// <summary>The <c>Email</c> configuration section (DESIGN §10).</summary>
public sealed record EmailOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Email";

    /// <summary>Default <see cref="Sender"/>.</summary>
    public const string DefaultSender = "DoNotReply@localhost";

    /// <summary>Default <see cref="ApiVersion"/>: the newest GA version of the ACS Email data-plane API.</summary>
    public const string DefaultApiVersion = "2025-09-01";

    /// <summary>ACS connection string <c>endpoint=https://…;accesskey=…</c> (secret). Default empty.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>ACS endpoint used with Entra ID (<c>DefaultAzureCredential</c>) when no connection string is set. Default empty.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Sender address (an ACS verified-domain MailFrom address in Azure). Default <c>DoNotReply@localhost</c>.</summary>
    public string Sender { get; init; } = DefaultSender;

    /// <summary>Folder of the local outbox, relative to the current directory unless rooted. Default <c>.outbox</c>.</summary>
    public string OutboxDirectory { get; init; } = ".outbox";

    /// <summary>ACS Email REST <c>api-version</c>. Default <see cref="DefaultApiVersion"/>.</summary>
    public string ApiVersion { get; init; } = DefaultApiVersion;

    /// <summary>True when ACS is configured (connection string or endpoint); false means the local outbox.</summary>
    public bool UsesAcs => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>Reads the <c>Email</c> section; empty values fall back to the defaults.</summary>
    public static EmailOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        IConfigurationSection section = configuration.GetSection(SectionName);
        var defaults = new EmailOptions();
        return new EmailOptions
        {
            ConnectionString = NullIfBlank(section["ConnectionString"]),
            Endpoint = NullIfBlank(section["Endpoint"]),
            Sender = NullIfBlank(section["Sender"]) ?? defaults.Sender,
            OutboxDirectory = NullIfBlank(section["OutboxDirectory"]) ?? defaults.OutboxDirectory,
            ApiVersion = NullIfBlank(section["ApiVersion"]) ?? defaults.ApiVersion,
        };
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
