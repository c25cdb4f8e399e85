namespace OrderTracking.DevHost;

/// <summary>The <c>authLevel</c> of an HTTP trigger.</summary>
public enum FunctionAuthLevel
{
    /// <summary>No key needed.</summary>
    Anonymous,

    /// <summary>A function key (<c>x-functions-key</c> header or <c>code</c> query parameter).</summary>
    Function,

    /// <summary>The master key; the DevHost uses the same key as for <see cref="Function"/>.</summary>
    Admin,
}
