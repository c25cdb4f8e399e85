using System.Text.Json;
using OrderTracking.DevHost.Startup;

namespace OrderTracking.DevHost.Demo;

/// <summary>
/// Seeds the demo order when the DevHost runs in Development and <c>DevHost:Demo</c> is not <c>false</c>, prints its
/// tracking URL, then follows it in the background and prints each status change until it is delivered.
/// </summary>
internal sealed class DemoSeedTask : IDevHostStartupTask
{
    public async Task RunAsync(DevHostStartupContext context, CancellationToken cancellationToken)
    {
        string? flag = context.Configuration["DevHost:Demo"] ?? context.Settings.GetValueOrDefault("DevHost__Demo") ?? context.Settings.GetValueOrDefault("DevHost:Demo");
        string environment = context.Settings.GetValueOrDefault("AZURE_FUNCTIONS_ENVIRONMENT") ?? "Development";
        if (string.Equals(flag, "false", StringComparison.OrdinalIgnoreCase) || !string.Equals(environment, "Development", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var client = new HttpClient { BaseAddress = context.Server.BaseAddress };
        DemoOrder order = await new DemoSeeder(client, context.Settings, TimeProvider.System).SeedAsync(cancellationToken);
        string outbox = context.Settings.GetValueOrDefault("Email__OutboxDirectory") ?? ".outbox";
        Console.WriteLine();
        Console.WriteLine($"Demo: a signed Shopify fulfillments/create webhook was sent for order {order.OrderKey} ({order.TrackingNumber}).");
        Console.WriteLine($"  Tracking page:    {order.PageUrl}");
        Console.WriteLine($"  Read API (JSON):  {order.TrackingUrl}");
        Console.WriteLine($"  Emails (.eml):    {Path.GetFullPath(outbox)}");
        Console.WriteLine("  Set DevHost__Demo=false to skip this.");
        Console.WriteLine();
        _ = FollowAsync(client, order, cancellationToken);
    }

    private static async Task FollowAsync(HttpClient client, DemoOrder order, CancellationToken cancellationToken)
    {
        string? last = null;
        try
        {
            while (last != "delivered" && !cancellationToken.IsCancellationRequested)
            {
                // Every 20 s: each sandbox step lasts a minute by default, and each poll is one "Executed" log line.
                await Task.Delay(TimeSpan.FromSeconds(20), cancellationToken);
                using HttpResponseMessage response = await client.GetAsync(order.TrackingUrl, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }

                using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                JsonElement shipments = body.RootElement.GetProperty("shipments");
                string? status = shipments.GetArrayLength() > 0 ? shipments[0].GetProperty("status").GetString() : null;
                if (status is not null && status != last)
                {
                    Console.WriteLine($"Demo: {order.OrderKey} is now {status}");
                    last = status;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The DevHost is stopping.
        }
        catch (HttpRequestException)
        {
            // The handler is restarting; the demo's follow-up is best effort.
        }
        finally
        {
            client.Dispose();
        }
    }
}
