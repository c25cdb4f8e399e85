using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrderTracking.Testing;

/// <summary>A quiet Kestrel on 127.0.0.1 and a free port, for the local stand-ins of providers' APIs.</summary>
public static class LoopbackServer
{
    /// <summary>Builds the app, lets <paramref name="map"/> add its endpoints, starts it; returns it and its base address (ending in '/').</summary>
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        map(app);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }
}
