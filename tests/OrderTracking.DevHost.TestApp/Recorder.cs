using System.Text.Json;

namespace OrderTracking.DevHost.TestApp;

/// <summary>
/// Writes one JSON file per event into <c>TestApp__RecordDirectory</c>. Several worker processes write at once, so every
/// file has a unique name and is written whole (temporary name, then moved).
/// </summary>
internal static class Recorder
{
    private static readonly string? s_directory = Environment.GetEnvironmentVariable("TestApp__RecordDirectory");

    public static void Write(string kind, object record)
    {
        if (string.IsNullOrEmpty(s_directory))
        {
            return;
        }

        Directory.CreateDirectory(s_directory);
        string name = $"{kind}.{DateTime.UtcNow.Ticks:D19}.{Environment.ProcessId}.{Guid.NewGuid():N}.json";
        string temporary = Path.Combine(s_directory, name + ".tmp");
        File.WriteAllText(temporary, JsonSerializer.Serialize(record));
        File.Move(temporary, Path.Combine(s_directory, name));
    }
}
