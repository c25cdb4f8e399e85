namespace OrderTracking.Functions.Storage;

/// <summary>Queue names (DESIGN §5, contract). Each has a <c>-poison</c> twin managed by the host.</summary>
internal static class QueueNames
{
    public const string InboundEvents = "inbound-events";
    public const string PollRequests = "poll-requests";
    public const string Notifications = "notifications";
    public const string PlatformSync = "platform-sync";

    public static IReadOnlyList<string> All { get; } = [InboundEvents, PollRequests, Notifications, PlatformSync];

    public static string Poison(string queue) => queue + "-poison";
}
