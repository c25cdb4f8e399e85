namespace OrderTracking.Azurite;

/// <summary>Checks that loopback ports answer HTTP (any status counts: Azurite answers 400 to a bare GET).</summary>
internal static class AzuriteProbe
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public static async Task<bool> AllAnswerAsync(IEnumerable<int> ports, CancellationToken cancellationToken)
    {
        bool[] results = await Task.WhenAll(ports.Select(p => AnswersAsync(p, cancellationToken))).ConfigureAwait(false);
        return results.All(r => r);
    }

    public static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await s_http
                .GetAsync(new Uri($"http://127.0.0.1:{port}/"), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
