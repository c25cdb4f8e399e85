namespace OrderTracking.Commerce.Tests;

/// <summary>Reads files under the test output's <c>Fixtures/</c> folder.</summary>
internal static class Fixture
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Every variant of <paramref name="data"/> with exactly one byte changed.</summary>
    public static IEnumerable<byte[]> OneByteChanges(byte[] data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            byte[] copy = (byte[])data.Clone();
            copy[i] ^= 0x01;
            yield return copy;
        }
    }
}
