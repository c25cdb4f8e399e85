namespace OrderTracking.Core.Tracking;

/// <summary>
/// Optional detail next to a status (DESIGN §6). Kept as camelCase string constants so new reasons can be added
/// without breaking stored rows or the read API.
/// </summary>
public static class TrackingReason
{
    /// <summary>Held by customs.</summary>
    public const string CustomsHold = "customsHold";
    /// <summary>Weather or natural disaster delay.</summary>
    public const string WeatherDelay = "weatherDelay";
    /// <summary>Incorrect, incomplete or undeliverable address.</summary>
    public const string AddressProblem = "addressProblem";
    /// <summary>Refused by the recipient.</summary>
    public const string Refused = "refused";
    /// <summary>Damaged in transit.</summary>
    public const string Damaged = "damaged";
    /// <summary>Lost by the carrier.</summary>
    public const string Lost = "lost";
    /// <summary>Recipient not available at delivery.</summary>
    public const string RecipientUnavailable = "recipientUnavailable";
    /// <summary>Delay caused by the carrier's network.</summary>
    public const string CarrierDelay = "carrierDelay";
    /// <summary>Held at a facility at the recipient's or carrier's request.</summary>
    public const string Held = "held";
    /// <summary>Any other reason.</summary>
    public const string Other = "other";
}
