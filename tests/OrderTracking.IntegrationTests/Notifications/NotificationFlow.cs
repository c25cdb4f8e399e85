using Azure;
using OrderTracking.IntegrationTests.Infrastructure;

namespace OrderTracking.IntegrationTests.Notifications;

/// <summary>Waits shared by the notification end-to-end tests (deadlines, never fixed sleeps).</summary>
internal static class NotificationFlow
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Waits until the outbox holds at least <paramref name="count"/> emails for the recipient.</summary>
    public static Task<IReadOnlyList<OutboxEmail>> EmailsAsync(FunctionAppFixture app, string recipient, int count) =>
        Eventually.UntilAsync(
            () => Task.FromResult(OutboxReader.For(app.OutboxDirectory, recipient)), e => e.Count >= count, Timeout, $"{count} email(s) to {recipient}");

    /// <summary>
    /// Lets the system run on: waits for <paramref name="ticks"/> more <c>SchedulePolls</c> ticks (polls keep coming),
    /// then until <c>poll-requests</c> and <c>notifications</c> hold no message at all (visible or in flight), so
    /// a duplicate email would have been written by now.
    /// </summary>
    public static async Task SettleAsync(FunctionAppFixture app, InvocationCounter counter, int ticks = 3)
    {
        int start = counter.Succeeded("SchedulePolls");
        await Eventually.UntilAsync(() => Task.FromResult(counter.Succeeded("SchedulePolls")), n => n >= start + ticks, Timeout, $"{ticks} more SchedulePolls ticks");
        await QueueEmptyAsync(app, "poll-requests");
        await QueueEmptyAsync(app, "notifications");
    }

    public static Task QueueEmptyAsync(FunctionAppFixture app, string queue) =>
        Eventually.UntilAsync(
            async () =>
            {
                try
                {
                    return (await app.Queues.GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    return 0;
                }
            },
            n => n == 0, Timeout, queue + " empty");

    /// <summary>The tracking link of an email: the same absolute URL in the plain text and (HTML-decoded) in the HTML.</summary>
    public static Uri TrackingLink(OutboxEmail email)
    {
        System.Text.RegularExpressions.Match text = System.Text.RegularExpressions.Regex.Match(email.PlainText, @"https?://\S+/api/track\?\S+");
        Assert.True(text.Success, "no tracking link in the plain text part");
        string decodedHtml = System.Net.WebUtility.HtmlDecode(email.Html);
        Assert.Contains($"href=\"{text.Value}\"", decodedHtml, StringComparison.Ordinal);
        return new Uri(text.Value);
    }

    /// <summary>The <c>token</c> query parameter of a tracking link (unescaped).</summary>
    public static string Token(Uri link, string orderKey)
    {
        var query = link.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);
        Assert.Equal(orderKey, query["orderKey"]);
        Assert.False(string.IsNullOrEmpty(query["token"]), "empty token");
        return query["token"];
    }
}
