using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderTracking.DevHost.Startup;

/// <summary>
/// Reads the <c>Values</c> of <c>local.settings.json</c> at the repository root, or of <c>local.settings.sample.json</c>
/// when the former is absent (as Core Tools reads local.settings.json).
/// </summary>
internal static class LocalSettingsReader
{
    private static readonly string[] s_fileNames = ["local.settings.json", "local.settings.sample.json"];

    public static (string? Path, Dictionary<string, string?> Values) Read(string repositoryRoot)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string? path = s_fileNames
            .Select(name => Path.Combine(repositoryRoot, name))
            .FirstOrDefault(File.Exists);
        if (path is null)
        {
            return (null, values);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new DevHostConfigurationException($"{path}: invalid JSON ({ex.Message}).", ex);
        }

        foreach ((string key, JsonNode? value) in root?["Values"] as JsonObject ?? [])
        {
            values[key] = value is JsonValue v && v.TryGetValue(out string? s) ? s : value?.ToJsonString();
        }

        return (path, values);
    }
}
