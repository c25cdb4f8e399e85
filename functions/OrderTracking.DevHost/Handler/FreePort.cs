using System.Net;
using System.Net.Sockets;

namespace OrderTracking.DevHost.Handler;

/// <summary>Finds a free loopback port, as the host does for <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
