using OrderTracking.Carriers.Detection;

namespace OrderTracking.Carriers;

/// <summary>
/// Decides which carrier to ask about a tracking number (DESIGN §6): the carrier the platform named first, then
/// carriers whose number format and check digit match (carriers.md §5), without duplicates. Pure and thread-safe.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Performance", "CA1822:Mark members as static", Justification = "Instance API so callers take it from DI.")]
public sealed class CarrierResolver
{
    /// <summary>
    /// Ranked carrier codes for a number: the platform's name mapped to a code when it maps ("UPS", "Federal Express",
    /// "DHL eCommerce", "Sandbox", … case-insensitive), then format detection. Empty when nothing matches.
    /// </summary>
    /// <param name="platformCarrierName">The carrier name the platform or merchant gave, or null.</param>
    /// <param name="trackingNumber">The tracking number, in any spacing or case.</param>
    public IReadOnlyList<string> Resolve(string? platformCarrierName, string trackingNumber)
    {
        ArgumentNullException.ThrowIfNull(trackingNumber);
        var ranked = new List<string>(3);
        string? named = PlatformCarrierNames.ToCode(platformCarrierName);
        if (named is not null)
        {
            ranked.Add(named);
        }

        TrackingNumberDetector.Detect(NormalizeTrackingNumber(trackingNumber), ranked);
        return ranked;
    }

    /// <summary>
    /// The carrier to try after <paramref name="currentCarrier"/> answered "not found": the next one in
    /// <see cref="Resolve"/>'s ranking, or the first ranked carrier other than the current one when the current one is
    /// not ranked at all. Null when there is nothing left to try. Walking forward never loops.
    /// </summary>
    public string? NextCandidate(string? platformCarrierName, string trackingNumber, string currentCarrier)
    {
        IReadOnlyList<string> ranked = Resolve(platformCarrierName, trackingNumber);
        int index = -1;
        for (int i = 0; i < ranked.Count; i++)
        {
            if (string.Equals(ranked[i], currentCarrier, StringComparison.Ordinal))
            {
                index = i;
                break;
            }
        }

        return index + 1 < ranked.Count ? ranked[index + 1] : null;
    }

    /// <summary>The carrier code a platform's carrier name maps to, or null (e.g. "United Parcel Service" → "ups").</summary>
    public static string? MapPlatformCarrierName(string? platformCarrierName) => PlatformCarrierNames.ToCode(platformCarrierName);

    /// <summary>Trims, removes spaces and dashes, and upper-cases a tracking number ("1z 5r8-9…" → "1Z5R89…").</summary>
    public static string NormalizeTrackingNumber(string trackingNumber)
    {
        ArgumentNullException.ThrowIfNull(trackingNumber);
        return string.Create(CountKept(trackingNumber), trackingNumber, static (span, source) =>
        {
            int i = 0;
            foreach (char c in source)
            {
                if (!IsDropped(c))
                {
                    span[i++] = char.ToUpperInvariant(c);
                }
            }
        });
    }

    private static int CountKept(string value)
    {
        int count = 0;
        foreach (char c in value)
        {
            if (!IsDropped(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Longest tracking number accepted (after <see cref="NormalizeTrackingNumber"/>).</summary>
    public const int MaxTrackingNumberLength = 64;

    /// <summary>
    /// True for a normalized number every carrier could have issued: 1-64 ASCII letters and digits. Anything else
    /// (markup, '#', '/', control characters) is refused before it reaches a table key or a carrier's URL.
    /// </summary>
    /// <param name="normalized">A number after <see cref="NormalizeTrackingNumber"/>.</param>
    public static bool IsWellFormed(string normalized) =>
        normalized is { Length: > 0 and <= MaxTrackingNumberLength } && normalized.All(char.IsAsciiLetterOrDigit);

    private static bool IsDropped(char c) => char.IsWhiteSpace(c) || c is '-' or '\u2010' or '\u2011' or '\u2013';
}
