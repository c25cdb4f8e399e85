using System.Buffers;
using Microsoft.Net.Http.Headers;

namespace OrderTracking.Functions.Hosting;

/// <summary>
/// Reads a request body as exact bytes (signatures are computed over them), enforcing the content type (415) and a
/// size cap (413) before anything else looks at it (DESIGN §12).
/// </summary>
internal static class RequestBody
{
    public const int MaxBytes = 1024 * 1024;

    public static async Task<(byte[]? Body, IResult? Error)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type)
            || !(type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                 || type.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send Content-Type: application/json."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        // Content-Length: 0 is a valid (empty) body; ArrayBufferWriter rejects a zero capacity.
        var buffer = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 1, MaxBytes));
        while (true)
        {
            Memory<byte> chunk = buffer.GetMemory(16 * 1024);
            int read = await request.Body.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                return (buffer.WrittenSpan.ToArray(), null);
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBytes)
            {
                return (null, TooLarge());
            }
        }
    }

    private static IResult TooLarge() =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body must be at most {MaxBytes} bytes.");
}
