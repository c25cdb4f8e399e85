using System.Runtime.CompilerServices;
using OrderTracking.Core.Notifications;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Core.Tests.Notifications;

/// <summary>
/// Compares rendered emails with the committed files under <c>Snapshots/{milestone}.{lang}.html|txt</c>.
/// Run with <c>UPDATE_SNAPSHOTS=1</c> to rewrite them after an intended template change, then review the diff.
/// </summary>
public sealed class EmailTemplateSnapshotTests
{
    public static TheoryData<Milestone, string> Cases()
    {
        var data = new TheoryData<Milestone, string>();
        foreach (Milestone milestone in Enum.GetValues<Milestone>())
        {
            data.Add(milestone, "en-US");
            data.Add(milestone, "es-MX");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_MilestoneAndLanguage_MatchesSnapshot(Milestone milestone, string locale)
    {
        RenderedEmail email = EmailTemplateRenderer.Render(SampleModel(milestone, locale));
        string baseName = $"{milestone.ToWireName()}.{email.Language}";

        AssertSnapshot(baseName + ".html", $"Subject: {email.Subject}\n{email.Html}");
        AssertSnapshot(baseName + ".txt", $"Subject: {email.Subject}\n{email.PlainText}");
    }

    internal static NotificationModel SampleModel(Milestone milestone, string locale) => new(
        milestone,
        locale,
        "#1001",
        "José Álvarez",
        milestone is Milestone.OrderConfirmed ? string.Empty : CarrierCodes.Ups, // an order-level email: no shipment yet
        milestone is Milestone.OrderConfirmed ? string.Empty : "1Z999AA10123456784",
        milestone is Milestone.OrderConfirmed ? null : new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero),
        new Uri("https://shop.example.com/api/track?order=shopify%3A450789469&token=1795000000.abc-DEF_123"),
        milestone is Milestone.Exception ? TrackingReason.AddressProblem : milestone is Milestone.Delayed ? TrackingReason.WeatherDelay : null);

    private static void AssertSnapshot(string fileName, string actual)
    {
        string path = Path.Combine(SnapshotDirectory(), fileName);
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Missing snapshot {path}; run the tests with UPDATE_SNAPSHOTS=1 and review it.");
        string expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }

    private static string SnapshotDirectory([CallerFilePath] string sourceFile = "") =>
        Path.Combine(Path.GetDirectoryName(sourceFile)!, "Snapshots");
}
