using System.Diagnostics;
using System.Globalization;

namespace OrderTracking.Benchmarks.Storage;

/// <summary>Runs an operation sequentially N times and summarizes throughput and latency percentiles.</summary>
internal sealed record LatencyStats(double OpsPerSecond, double P50Ms, double P99Ms)
{
    public static async Task<LatencyStats> MeasureAsync(int warmup, int iterations, Func<Task> operation)
    {
        for (int i = 0; i < warmup; i++)
        {
            await operation();
        }

        var samples = new double[iterations];
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < iterations; i++)
        {
            long t = Stopwatch.GetTimestamp();
            await operation();
            samples[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }

        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Array.Sort(samples);
        return new LatencyStats(iterations / seconds, Percentile(samples, 0.50), Percentile(samples, 0.99));
    }

    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{OpsPerSecond,9:F0} ops/s  p50 {P50Ms,6:F2} ms  p99 {P99Ms,6:F2} ms");

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
