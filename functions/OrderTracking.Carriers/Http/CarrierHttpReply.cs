using System.Net;

namespace OrderTracking.Carriers.Http;

/// <summary>What a carrier answered (status and raw body); mappers turn it into results without I/O.</summary>
internal sealed record CarrierHttpReply(HttpStatusCode Status, byte[] Body)
{
    public static async Task<CarrierHttpReply> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new CarrierHttpReply(response.StatusCode, body);
        }
    }
}
