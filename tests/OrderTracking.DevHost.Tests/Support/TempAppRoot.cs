namespace OrderTracking.DevHost.Tests.Support;

/// <summary>A throw-away app root holding only a host.json, for configuration tests.</summary>
internal sealed class TempAppRoot : IDisposable
{
    public TempAppRoot(string hostJson = """{ "version": "2.0" }""")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "devhost-config", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        File.WriteAllText(System.IO.Path.Combine(Path, "host.json"), hostJson);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
