namespace OrderTracking.Functions.Polling;

/// <summary>A <c>poll-requests</c> message: one carrier call for up to the carrier's batch size.</summary>
internal sealed record PollRequest
{
    public required string Carrier { get; init; }

    public required IReadOnlyList<PollItem> Items { get; init; }
}
