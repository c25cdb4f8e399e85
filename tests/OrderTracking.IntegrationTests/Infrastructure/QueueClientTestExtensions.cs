using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace OrderTracking.IntegrationTests.Infrastructure;

internal static class QueueClientTestExtensions
{
    /// <summary>Peeks up to 32 messages; an absent queue reads as empty.</summary>
    public static async Task<IReadOnlyList<PeekedMessage>> ExistsAndPeekAsync(this QueueClient queue)
    {
        try
        {
            return (await queue.PeekMessagesAsync(32)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
    }
}
