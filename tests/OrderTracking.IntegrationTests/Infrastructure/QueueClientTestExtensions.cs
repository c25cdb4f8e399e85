using Azure;
using OrderTracking.Azure.Storage;

namespace OrderTracking.IntegrationTests.Infrastructure;

internal static class QueueClientTestExtensions
{
    /// <summary>Peeks up to 32 messages; an absent queue reads as empty.</summary>
    public static async Task<IReadOnlyList<PeekedMessage>> ExistsAndPeekAsync(this QueueClient queue)
    {
        try
        {
            return await queue.PeekMessagesAsync(32);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
    }
}
