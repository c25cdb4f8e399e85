namespace OrderTracking.Benchmarks.Commerce;

/// <summary>Locates the commerce test fixtures from the benchmark's output folder (BenchmarkDotNet runs from bin/).</summary>
internal static class CommerceFixtures
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "OrderTracking.Commerce.Tests", "Fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/OrderTracking.Commerce.Tests/Fixtures not found above " + AppContext.BaseDirectory);
    });

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path.Combine(s_root.Value, relative));
}
