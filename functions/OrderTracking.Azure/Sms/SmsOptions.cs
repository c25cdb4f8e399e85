using Microsoft.Extensions.Configuration;

namespace OrderTracking.Azure.Sms;

/// <summary>The <c>Sms</c> and <c>Twilio</c> configuration sections (DESIGN §10).</summary>
public sealed record SmsOptions
{
    /// <summary><c>Sms:Enabled</c>: text every order that has a phone number. Default false (only orders with <c>sms: true</c>).</summary>
    public bool Enabled { get; init; }

    /// <summary><c>Sms:OutboxDirectory</c>: the local outbox when Twilio is not configured. Default <c>.outbox/sms</c>.</summary>
    public string OutboxDirectory { get; init; } = Path.Combine(".outbox", "sms");

    /// <summary><c>Twilio:AccountSid</c> (<c>AC…</c>).</summary>
    public string? AccountSid { get; init; }

    /// <summary><c>Twilio:AuthToken</c> (secret), or an API key pair below (recommended by Twilio for production).</summary>
    public string? AuthToken { get; init; }

    /// <summary><c>Twilio:ApiKey</c> (<c>SK…</c>) and <c>Twilio:ApiSecret</c> (secret).</summary>
    public string? ApiKey { get; init; }

    public string? ApiSecret { get; init; }

    /// <summary><c>Twilio:From</c>: the sender number (E.164), or <c>Twilio:MessagingServiceSid</c> (<c>MG…</c>).</summary>
    public string? From { get; init; }

    public string? MessagingServiceSid { get; init; }

    /// <summary><c>Twilio:BaseUrl</c>: replaces <c>https://api.twilio.com</c> (a local stub, an egress proxy).</summary>
    public string? BaseUrl { get; init; }

    /// <summary><c>Twilio:ValidityPeriod</c>: how long Twilio may hold a queued text before dropping it. Default 4 h (an "out for delivery" text must not arrive the next day).</summary>
    public TimeSpan ValidityPeriod { get; init; } = TimeSpan.FromHours(4);

    /// <summary>True when Twilio credentials are set; false means the local outbox.</summary>
    public bool UsesTwilio => !string.IsNullOrWhiteSpace(AccountSid)
        && (!string.IsNullOrWhiteSpace(AuthToken) || (!string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(ApiSecret)));

    public static SmsOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        IConfigurationSection sms = configuration.GetSection("Sms");
        IConfigurationSection twilio = configuration.GetSection("Twilio");
        var options = new SmsOptions
        {
            Enabled = bool.TryParse(sms["Enabled"], out bool enabled) && enabled,
            OutboxDirectory = string.IsNullOrWhiteSpace(sms["OutboxDirectory"]) ? Path.Combine(".outbox", "sms") : sms["OutboxDirectory"]!,
            AccountSid = Value(twilio["AccountSid"]),
            AuthToken = Value(twilio["AuthToken"]),
            ApiKey = Value(twilio["ApiKey"]),
            ApiSecret = Value(twilio["ApiSecret"]),
            From = Value(twilio["From"]),
            MessagingServiceSid = Value(twilio["MessagingServiceSid"]),
            BaseUrl = Value(twilio["BaseUrl"]),
            ValidityPeriod = TimeSpan.TryParse(twilio["ValidityPeriod"], System.Globalization.CultureInfo.InvariantCulture, out TimeSpan validity) ? validity : TimeSpan.FromHours(4),
        };
        options.Validate();
        return options;
    }

    /// <summary>Throws with the key named when Twilio is half configured.</summary>
    public void Validate()
    {
        if (!UsesTwilio)
        {
            if (!string.IsNullOrWhiteSpace(AccountSid) || !string.IsNullOrWhiteSpace(AuthToken) || !string.IsNullOrWhiteSpace(ApiKey))
            {
                throw new InvalidOperationException("Twilio is half configured: set Twilio:AccountSid with Twilio:AuthToken (or Twilio:ApiKey and Twilio:ApiSecret), or none of them for the local SMS outbox.");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(MessagingServiceSid))
        {
            throw new InvalidOperationException("Twilio needs a sender: set Twilio:From (an E.164 number) or Twilio:MessagingServiceSid.");
        }

        if (BaseUrl is not null && !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("Twilio:BaseUrl must be an absolute URL.");
        }

        if (ValidityPeriod < TimeSpan.FromSeconds(1) || ValidityPeriod > TimeSpan.FromSeconds(36_000))
        {
            throw new InvalidOperationException("Twilio:ValidityPeriod must be between 00:00:01 and 10:00:00 (Twilio's range).");
        }
    }

    // An unresolved Key Vault reference stays as literal text: treat it as unset.
    private static string? Value(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) ? null : value.Trim();
}
