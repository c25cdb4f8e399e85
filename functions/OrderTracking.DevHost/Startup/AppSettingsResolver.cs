namespace OrderTracking.DevHost.Startup;

/// <summary>
/// Merges the <c>Values</c> of local.settings.json with the environment as Core Tools does: a variable already set in
/// the environment wins (also under its <c>Section__Key</c> spelling), and the local value is skipped with a notice.
/// </summary>
internal static class AppSettingsResolver
{
    public static (Dictionary<string, string?> Settings, IReadOnlyList<string> Skipped) Resolve(
        IReadOnlyDictionary<string, string?> localValues,
        Func<string, string?> environment)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var skipped = new List<string>();
        foreach ((string key, string? value) in localValues)
        {
            if (environment(key) is not null || environment(key.Replace(":", "__", StringComparison.Ordinal)) is not null)
            {
                skipped.Add(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return (settings, skipped);
    }

    /// <summary>The value the app sees for <paramref name="key"/>: the environment's, else the local setting's.</summary>
    public static string? Effective(string key, IReadOnlyDictionary<string, string?> settings, Func<string, string?> environment) =>
        environment(key) ?? environment(key.Replace(":", "__", StringComparison.Ordinal)) ?? settings.GetValueOrDefault(key);
}
