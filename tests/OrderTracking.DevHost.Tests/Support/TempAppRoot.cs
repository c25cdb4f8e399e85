namespace OrderTracking.DevHost.Tests.Support;

/// <summary>A throw-away app root for configuration tests.</summary>
internal sealed class TempAppRoot : IDisposable
{
    public TempAppRoot(string hostJson = """{ "version": "2.0", "customHandler": { "description": { "defaultExecutablePath": "dotnet" } } }""")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "devhost-config", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        File.WriteAllText(System.IO.Path.Combine(Path, "host.json"), hostJson);
    }

    public string Path { get; }

    public string AddFunction(string name, string functionJson)
    {
        string folder = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(folder);
        string file = System.IO.Path.Combine(folder, "function.json");
        File.WriteAllText(file, functionJson);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
