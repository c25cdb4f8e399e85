namespace OrderTracking.DevHost.Handler;

/// <summary>The handler process exited or did not answer <c>GET /</c> in time.</summary>
internal sealed class HandlerStartException(string message) : Exception(message);
