using System.Text.RegularExpressions;

namespace OrderTracking.DevHost.Configuration;

/// <summary>
/// Resolves <c>%Name%</c> from the app settings, then the environment, as the host does for binding expressions (queue names, schedules)
/// (reference §1.1) and timer schedules (§6). <c>%%</c> stands for a literal percent sign.
/// </summary>
internal sealed partial class SettingExpander(IReadOnlyDictionary<string, string?> settings)
{
    public string? Lookup(string name)
    {
        if (settings.TryGetValue(name, out string? value) && value is not null)
        {
            return value;
        }

        return Environment.GetEnvironmentVariable(name)
            ?? Environment.GetEnvironmentVariable(name.Replace(":", "__", StringComparison.Ordinal));
    }

    /// <summary>Expands every <c>%Name%</c>, failing on an unknown name (binding expressions must resolve).</summary>
    public string ExpandStrict(string text, string context) =>
        PlaceholderRegex().Replace(text, m =>
        {
            if (m.Groups[1].Value.Length == 0)
            {
                return "%";
            }

            return Lookup(m.Groups[1].Value)
                ?? throw new DevHostConfigurationException($"{context}: setting '{m.Groups[1].Value}' is not defined in the app settings or the environment.");
        });

    [GeneratedRegex("%([^%\\s]*)%")]
    private static partial Regex PlaceholderRegex();
}
