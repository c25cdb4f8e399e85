using System.Globalization;
using OrderTracking.Core.Notifications;

namespace OrderTracking.Functions.Kpis;

/// <summary>
/// The campaign marker on the tracking links of emails and texts (<c>utm_source=ordertracking</c>,
/// <c>utm_medium={email|sms}</c>, <c>utm_campaign={milestone}</c>, <c>utm_content={yyyyMMdd}</c> of the send), which
/// the tracking page records as an open of that message. Standard UTM names, so the merchant's own web analytics read
/// them too.
/// </summary>
internal static class TrackingCampaign
{
    public const string Source = "ordertracking";

    public static string Query(string channel, Milestone milestone, DateOnly sentOn) =>
        $"&utm_source={Source}&utm_medium={channel}&utm_campaign={milestone.ToWireName()}&utm_content={sentOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    /// <summary>The marker of a page request, or null when it has none or any part is not one we write.</summary>
    public static (string Channel, Milestone Milestone, DateOnly SentOn)? Parse(IQueryCollection query)
    {
        if (query["utm_source"].ToString() != Source
            || query["utm_medium"].ToString() is not ("email" or "sms") || !MilestoneExtensions.TryParseWireName(query["utm_campaign"].ToString(), out Milestone milestone)
            || !DateOnly.TryParseExact(query["utm_content"].ToString(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly sentOn))
        {
            return null;
        }

        return (query["utm_medium"].ToString(), milestone, sentOn);
    }
}
