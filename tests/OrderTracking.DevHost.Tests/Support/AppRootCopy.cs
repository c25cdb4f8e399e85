using System.Text.Json.Nodes;

namespace OrderTracking.DevHost.Tests.Support;

/// <summary>A private copy of the TestHandler app root whose host.json / function.json a test may change.</summary>
internal sealed class AppRootCopy : IDisposable
{
    public AppRootCopy()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "devhost-approot", Guid.NewGuid().ToString("N"));
        foreach (string file in Directory.EnumerateFiles(TestHandlerApp.AppRoot, "*", SearchOption.AllDirectories))
        {
            string target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(TestHandlerApp.AppRoot, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Path { get; }

    public AppRootCopy Edit(string relativePath, Action<JsonObject> change)
    {
        string file = System.IO.Path.Combine(Path, relativePath);
        JsonObject json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        change(json);
        File.WriteAllText(file, json.ToJsonString());
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
