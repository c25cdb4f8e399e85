using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace OrderTracking.Benchmarks.Webhooks;

/// <summary>Steady closed-loop load: N senders each run an operation back to back for a fixed time; latency percentiles and throughput.</summary>
internal sealed record LoadResult(int Operations, int Failures, double Seconds, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public double OpsPerSecond => Operations / Seconds;

    /// <summary>Runs <paramref name="operation"/> (returns true on success) from <paramref name="senders"/> loops: warm-up, then the measured window.</summary>
    public static async Task<LoadResult> RunAsync(int senders, TimeSpan warmup, TimeSpan duration, Func<int, Task<bool>> operation, CancellationToken cancellationToken)
    {
        await LoopAsync(senders, warmup, operation, null, cancellationToken);
        var samples = new ConcurrentBag<double>();
        int failures = 0;
        long start = Stopwatch.GetTimestamp();
        await LoopAsync(senders, duration, operation, (ms, ok) =>
        {
            samples.Add(ms);
            if (!ok)
            {
                Interlocked.Increment(ref failures);
            }
        }, cancellationToken);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double[] sorted = [.. samples.Order()];
        return new LoadResult(sorted.Length, failures, seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.90), Percentile(sorted, 0.99), sorted[^1]);
    }

    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"{OpsPerSecond,7:F0} req/s  p50 {P50Ms,7:F2} ms  p90 {P90Ms,7:F2} ms  p99 {P99Ms,7:F2} ms  max {MaxMs,7:F1} ms  ({Operations} ops, {Failures} failed)");

    private static async Task LoopAsync(int senders, TimeSpan duration, Func<int, Task<bool>> operation, Action<double, bool>? record, CancellationToken cancellationToken)
    {
        DateTime end = DateTime.UtcNow + duration;
        await Task.WhenAll(Enumerable.Range(0, senders).Select(sender => Task.Run(async () =>
        {
            while (DateTime.UtcNow < end && !cancellationToken.IsCancellationRequested)
            {
                long t = Stopwatch.GetTimestamp();
                bool ok = await operation(sender);
                record?.Invoke(Stopwatch.GetElapsedTime(t).TotalMilliseconds, ok);
            }
        }, cancellationToken)));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
