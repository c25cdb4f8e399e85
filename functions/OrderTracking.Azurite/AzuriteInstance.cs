using System.Globalization;

namespace OrderTracking.Azurite;

/// <summary>
/// A running Azurite (blob, queue, table) owned by this process, or an external storage account reused as is.
/// Start with <see cref="StartAsync"/>; disposing stops the Azurite process tree that was started.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private readonly AzuriteProcess? _process;

    private AzuriteInstance(string connectionString, bool isExternal, AzuriteProcess? process)
    {
        ConnectionString = connectionString;
        IsExternal = isExternal;
        _process = process;
    }

    /// <summary>
    /// Full connection string: the well-known <c>devstoreaccount1</c> key with explicit Blob/Queue/Table endpoints on
    /// the real ports, or <see cref="AzuriteOptions.ExistingConnectionString"/> when one was given.
    /// </summary>
    public string ConnectionString { get; }

    /// <summary>
    /// <c>true</c> when nothing was started: <see cref="AzuriteOptions.ExistingConnectionString"/> was used, or an Azurite
    /// already listening on the fixed ports was reused (<see cref="AzuriteOptions.ReuseIfListening"/>).
    /// </summary>
    public bool IsExternal { get; }

    /// <summary>Uses an existing account, reuses a listening Azurite, or installs (<c>npm ci</c>) and starts one.</summary>
    public static async Task<AzuriteInstance> StartAsync(AzuriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ExistingConnectionString) &&
            !AzuriteAccount.IsDevelopmentStorage(options.ExistingConnectionString))
        {
            return new AzuriteInstance(options.ExistingConnectionString, isExternal: true, process: null);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout);
        try
        {
            if (options is { ReuseIfListening: true, BlobPort: int blob, QueuePort: int queue, TablePort: int table } &&
                await AzuriteProbe.AllAnswerAsync([blob, queue, table], timeout.Token).ConfigureAwait(false))
            {
                return new AzuriteInstance(AzuriteAccount.ConnectionString(blob, queue, table), isExternal: true, process: null);
            }

            string root = AzuriteRepository.FindRoot(options.RepositoryRoot);
            await AzuriteInstaller.EnsureInstalledAsync(root, timeout.Token).ConfigureAwait(false);
            AzuriteProcess process = await AzuriteProcess.StartAsync(root, options, timeout.Token).ConfigureAwait(false);
            string connectionString = AzuriteAccount.ConnectionString(process.BlobPort, process.QueuePort, process.TablePort);
            return new AzuriteInstance(connectionString, isExternal: false, process);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(
                CultureInfo.InvariantCulture,
                $"Azurite did not start within {options.StartTimeout.TotalSeconds:0} s (AzuriteOptions.StartTimeout)."));
        }
    }

    /// <summary>
    /// Stops the started Azurite the way a service is stopped (SIGTERM; it saves its workspace first), so an Azurite
    /// started again on the same <see cref="AzuriteOptions.DataDirectory"/> still has everything it acknowledged.
    /// Disposing instead kills it at once (on disk, its last seconds of writes can be lost). Nothing for an external account.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process is not null)
        {
            await _process.StopAsync(grace).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
        }
    }
}
