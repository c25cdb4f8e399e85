using System.Globalization;

namespace OrderTracking.Core.Kpis;

/// <summary>
/// Transit time (first scan → delivered) in fixed buckets, so days, carriers and sources add up by summing counts:
/// 2-hour buckets up to 48 h, 6-hour buckets up to 7 days, 1-day buckets up to 14 days, then one open bucket. A
/// percentile is read by linear interpolation inside its bucket, so it is accurate to the bucket's width.
/// </summary>
public static class TransitHistogram
{
    private static readonly int[] s_upper = BuildUpperBounds();

    /// <summary>The bucket count (the last one is open-ended).</summary>
    public static int BucketCount => s_upper.Length + 1;

    /// <summary>The upper bounds in hours, exclusive, of every bucket but the last.</summary>
    public static IReadOnlyList<int> UpperBounds => s_upper;

    /// <summary>The counter name of bucket <paramref name="index"/> (an entity property name).</summary>
    public static string CounterName(int index) => "Transit" + index.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The bucket of a transit time (a negative time, from a carrier's clock, counts as zero).</summary>
    public static int BucketOf(TimeSpan transit)
    {
        double hours = Math.Max(0, transit.TotalHours);
        for (int i = 0; i < s_upper.Length; i++)
        {
            if (hours < s_upper[i])
            {
                return i;
            }
        }

        return s_upper.Length;
    }

    /// <summary>
    /// The <paramref name="quantile"/> (0–1) of the counts in hours, or null without any. The open bucket reports its
    /// lower bound (at least 14 days).
    /// </summary>
    public static double? Percentile(IReadOnlyList<long> counts, double quantile)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        long total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        double rank = quantile * total;
        long below = 0;
        for (int i = 0; i < counts.Count; i++)
        {
            long n = counts[i];
            if (n > 0 && below + n >= rank)
            {
                double lower = i == 0 ? 0 : s_upper[i - 1];
                if (i >= s_upper.Length)
                {
                    return lower;
                }

                double fraction = Math.Clamp((rank - below) / n, 0, 1);
                return Math.Round(lower + (fraction * (s_upper[i] - lower)), 1);
            }

            below += n;
        }

        return s_upper[^1];
    }

    private static int[] BuildUpperBounds()
    {
        var bounds = new List<int>();
        for (int h = 2; h <= 48; h += 2)
        {
            bounds.Add(h);
        }

        for (int h = 54; h <= 168; h += 6)
        {
            bounds.Add(h);
        }

        for (int h = 192; h <= 336; h += 24)
        {
            bounds.Add(h);
        }

        return [.. bounds];
    }
}
