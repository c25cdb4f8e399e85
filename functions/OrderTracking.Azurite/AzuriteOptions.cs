namespace OrderTracking.Azurite;

/// <summary>How <see cref="AzuriteInstance.StartAsync"/> finds, installs and starts Azurite.</summary>
public sealed class AzuriteOptions
{
    /// <summary>
    /// Folder holding <c>package.json</c> (which pins <c>azurite</c>) and <c>OrderTracking.sln</c>.
    /// Default: <c>null</c>, found by walking up from <see cref="AppContext.BaseDirectory"/>.
    /// </summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>
    /// Keep all data in memory (<c>--inMemoryPersistence</c>). Default: <c>true</c>; otherwise <see cref="DataDirectory"/> is used.
    /// In memory, Azurite 3.35 keeps each queue message in its own extent, and its queue clean-up (once a minute) stops
    /// the whole emulator, tables included, for a time that grows with the messages deleted since the last one: 1.2 s
    /// after 1,200, 4–6 s in a 2,000-shipment drain (<c>scenario azurite-stall</c>). Load runs use a data directory.
    /// </summary>
    public bool InMemory { get; set; } = true;

    /// <summary>
    /// Workspace folder (<c>--location</c>) when <see cref="InMemory"/> is <c>false</c>.
    /// Default: <c>null</c>, meaning <c>&lt;repository&gt;/.azurite</c> (ignored by git).
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Blob port. Default: <c>null</c>, a free loopback port chosen by the OS.</summary>
    public int? BlobPort { get; set; }

    /// <summary>Queue port. Default: <c>null</c>, a free loopback port chosen by the OS.</summary>
    public int? QueuePort { get; set; }

    /// <summary>Table port. Default: <c>null</c>, a free loopback port chosen by the OS.</summary>
    public int? TablePort { get; set; }

    /// <summary>
    /// When the three ports are fixed and something already answers HTTP on all of them, reuse it instead of
    /// starting a second Azurite. Default: <c>false</c>.
    /// </summary>
    public bool ReuseIfListening { get; set; }

    /// <summary>
    /// A storage connection string to use as is (for example the value of <c>AzureWebJobsStorage</c>); nothing is started.
    /// Ignored when empty or <c>UseDevelopmentStorage=true</c>. Default: <c>null</c>.
    /// </summary>
    public string? ExistingConnectionString { get; set; }

    /// <summary>How long to wait for <c>npm ci</c> plus Azurite answering on its ports. Default: 60 seconds.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
