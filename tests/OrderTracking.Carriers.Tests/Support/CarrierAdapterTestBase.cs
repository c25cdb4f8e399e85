namespace OrderTracking.Carriers.Tests.Support;

/// <summary>
/// One stub carrier server and one carrier host (the real DI registration) per test, pointed at the stub.
/// Derived classes give the carrier's settings and anything the stub must serve before the host starts (a token).
/// </summary>
public abstract class CarrierAdapterTestBase : IAsyncLifetime
{
    protected StubCarrierServer Stub { get; private set; } = null!;

    protected CarrierHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stub = await StubCarrierServer.StartAsync();
        Arrange(Stub);
        Host = new CarrierHost(Settings(Stub.BaseUrl));
    }

    public async Task DisposeAsync()
    {
        Host.Dispose();
        await Stub.DisposeAsync();
    }

    /// <summary>The carrier's configuration, pointing at <paramref name="stubBaseUrl"/>.</summary>
    protected abstract Dictionary<string, string?> Settings(Uri stubBaseUrl);

    /// <summary>Stub answers every test needs (for example the OAuth token). None by default.</summary>
    protected virtual void Arrange(StubCarrierServer stub)
    {
    }
}
