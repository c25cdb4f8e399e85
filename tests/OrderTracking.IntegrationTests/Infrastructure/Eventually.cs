namespace OrderTracking.IntegrationTests.Infrastructure;

/// <summary>Waits for an asynchronous system to reach a state, with a deadline (not a fixed sleep).</summary>
internal static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        T last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for {what}; last value: {last}");
            }

            await Task.Delay(200);
            last = await probe();
        }

        return last;
    }
}
