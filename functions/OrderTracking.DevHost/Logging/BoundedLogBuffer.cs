namespace OrderTracking.DevHost.Logging;

/// <summary>Thread-safe ring of the most recent log lines (worker stdout/stderr and function logs).</summary>
internal sealed class BoundedLogBuffer(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    public void Add(string line)
    {
        lock (_lock)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            return _lines.ToArray();
        }
    }
}
