using Azure.Core;

namespace OrderTracking.Azure.Storage;

/// <summary>
/// Options for <see cref="TableServiceClient"/> and <see cref="QueueServiceClient"/>. Retries, transport and
/// diagnostics come from Azure.Core's <see cref="ClientOptions"/> (its <c>RetryPolicy</c> is the only retry layer).
/// </summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>The REST API version sent as <c>x-ms-version</c>. Default: <c>2025-05-05</c>.</summary>
    public string ServiceVersion { get; set; } = "2025-05-05";

    /// <summary>Clock used for the <c>x-ms-date</c> header of Shared Key requests. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
