using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using OrderTracking.Azurite;

namespace OrderTracking.Benchmarks.Storage;

/// <summary>
/// The emulator on its own, no app: a queue that sees a steady stream of sends, receives and deletes (what
/// <c>poll-requests</c> sees in a drain), with <see cref="StorageStallProbe"/> asking a cheap question every 100 ms.
/// It shows whether Azurite itself stops answering for seconds, and when, so the app's benchmarks can tell its stalls
/// from their own.
/// Usage: <c>scenario azurite-stall [seconds=130] [messagesPerSecond=20] [inMemory=1]</c>.
/// </summary>
internal sealed class AzuriteStallScenario : IScenario
{
    public string Name => "azurite-stall";

    public string Description => "Azurite alone under a steady send/receive/delete stream: its slowest answers and when they came";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 130;
        int rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        bool inMemory = args.Length <= 2 || args[2] != "0";
        await using AzuriteInstance azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { InMemory = inMemory }, cancellationToken);
        var queue = new QueueClient(azurite.ConnectionString, "stall-stream");
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await new global::Azure.Data.Tables.TableClient(azurite.ConnectionString, "StallProbe").CreateIfNotExistsAsync(cancellationToken);
        await using var probe = new StorageStallProbe(azurite.ConnectionString, "stall-stream", "StallProbe");
        double start = probe.Now;
        var clock = Stopwatch.StartNew();
        long sent = 0, deleted = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            // One second's messages: sent, received and deleted, as a drain's poll requests are.
            for (int i = 0; i < rate; i++)
            {
                await queue.SendMessageAsync($"message {sent++}", cancellationToken);
            }

            QueueMessage[] received = (await queue.ReceiveMessagesAsync(32, cancellationToken: cancellationToken)).Value;
            foreach (QueueMessage message in received)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                deleted++;
            }

            TimeSpan next = TimeSpan.FromSeconds(Math.Ceiling(clock.Elapsed.TotalSeconds)) - clock.Elapsed;
            await Task.Delay(next, cancellationToken);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"azurite-stall ({(inMemory ? "in memory" : "on disk")}): {sent} sent, {deleted} received and deleted in {clock.Elapsed.TotalSeconds:F0} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  slowest probe answers (at s: took s): {string.Join(", ", probe.Slowest(6).Select(s => $"{s.At - start:F1}: {s.Seconds:F2}"))}; {probe.StalledSeconds(1):F1} s in answers over 1 s"));
    }
}
