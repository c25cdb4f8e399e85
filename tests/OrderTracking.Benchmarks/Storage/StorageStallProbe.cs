using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace OrderTracking.Benchmarks.Storage;

/// <summary>
/// Asks Azurite a cheap question every 100 ms from the benchmark process (a queue's properties and a one-row table
/// query, in turn) and records how long each answer took: an answer that takes seconds is a storage stall that every
/// worker sees at once, told apart from a stall of the app's own processes.
/// </summary>
internal sealed class StorageStallProbe : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(double At, double Seconds)> _samples = [];
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;

    public StorageStallProbe(string connectionString, string queueName, string tableName)
    {
        var queue = new QueueClient(connectionString, queueName);
        var table = new TableClient(connectionString, tableName);
        _loop = RunAsync(queue, table, _stop.Token);
    }

    /// <summary>Seconds since the probe started, for lining its samples up with other clocks.</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    /// <summary>The slowest answers: (seconds since the probe started, seconds the answer took), slowest first.</summary>
    public (double At, double Seconds)[] Slowest(int count)
    {
        lock (_lock)
        {
            return [.. _samples.OrderByDescending(s => s.Seconds).Take(count)];
        }
    }

    /// <summary>Seconds spent in answers slower than <paramref name="threshold"/> seconds.</summary>
    public double StalledSeconds(double threshold)
    {
        lock (_lock)
        {
            return _samples.Where(s => s.Seconds > threshold).Sum(s => s.Seconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task RunAsync(QueueClient queue, TableClient table, CancellationToken cancellationToken)
    {
        for (long i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            double started = _clock.Elapsed.TotalSeconds;
            try
            {
                if (i % 2 == 0)
                {
                    await queue.GetPropertiesAsync(cancellationToken);
                }
                else
                {
                    await foreach (global::Azure.Page<TableEntity> _ in table.QueryAsync<TableEntity>(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
                    {
                        break;
                    }
                }
            }
            catch (global::Azure.RequestFailedException)
            {
                // Not created yet: the answer still took its time.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_lock)
            {
                _samples.Add((started, _clock.Elapsed.TotalSeconds - started));
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
