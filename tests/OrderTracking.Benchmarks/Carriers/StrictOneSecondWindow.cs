using System.Diagnostics;

namespace OrderTracking.Benchmarks.Carriers;

/// <summary>
/// A carrier's limit as a strict sliding window: at most <see cref="RequestsPerSecond"/> admitted requests in any 1 s
/// span, timed on <see cref="Stopwatch"/>. What the carrier stand-ins count "over the limit" against.
/// </summary>
internal sealed class StrictOneSecondWindow(int requestsPerSecond)
{
    private readonly Queue<long> _window = new();
    private readonly Lock _lock = new();

    public int RequestsPerSecond { get; } = requestsPerSecond;

    /// <summary>Admits a request arriving at <paramref name="now"/> (a <see cref="Stopwatch"/> timestamp), or refuses it.</summary>
    public bool Admit(long now)
    {
        lock (_lock)
        {
            while (_window.Count > 0 && Stopwatch.GetElapsedTime(_window.Peek(), now) >= TimeSpan.FromSeconds(1))
            {
                _window.Dequeue();
            }

            if (_window.Count >= RequestsPerSecond)
            {
                return false;
            }

            _window.Enqueue(now);
            return true;
        }
    }
}
