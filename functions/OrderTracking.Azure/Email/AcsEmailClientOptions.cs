using Azure.Core;

namespace OrderTracking.Azure.Email;

/// <summary>
/// Options of <see cref="AcsEmailClient"/>: Azure.Core's retry (default 3 retries, exponential from 0.8 s, honouring
/// <c>Retry-After</c>; 408, 429, 500, 502, 503, 504 are retried), transport and diagnostics, plus the API version.
/// </summary>
public sealed class AcsEmailClientOptions : ClientOptions
{
    /// <summary>The <c>api-version</c> query value. Default <see cref="EmailOptions.DefaultApiVersion"/>.</summary>
    public string ApiVersion { get; set; } = EmailOptions.DefaultApiVersion;

    /// <summary>The sender address for every email. Default <see cref="EmailOptions.DefaultSender"/>.</summary>
    public string SenderAddress { get; set; } = EmailOptions.DefaultSender;

    /// <summary>Clock for request signing and <c>Repeatability-First-Sent</c>. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
