using System.Text.Json.Nodes;

namespace OrderTracking.Functions.Tests.Layout;

/// <summary>The function folders of an app root: <c>&lt;Name&gt;/function.json</c>, one level down (reference §8.2).</summary>
internal static class FunctionLayout
{
    public static IReadOnlyList<(string Name, JsonArray Bindings)> Read(string appRoot) =>
        [.. Directory.EnumerateDirectories(appRoot)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d => (Path.GetFileName(d), (JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(d, "function.json")))!["bindings"]!))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)];

    public static string SourceRoot => OrderTracking.Testing.RepositoryLayout.Root;
}
