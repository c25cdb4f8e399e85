using CsCheck;
using OrderTracking.Fuzz;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.HostileInput;

/// <summary>
/// The fuzz harnesses' targets (tests/OrderTracking.Fuzz) in dotnet test: every checked-in seed and every kept
/// finding must run without an exception, and so must 2,000 byte-level mutations of the seeds per target (a cheap,
/// uninstrumented stand-in for afl-fuzz, which fuzz.sh runs).
/// </summary>
public sealed class FuzzCorpusReplayTests
{
    private static readonly string s_root = Path.Combine(RepositoryLayout.Root, "tests", "OrderTracking.Fuzz");

    public static TheoryData<string> Targets => [.. FuzzTargets.All.Keys];

    [Fact]
    public void EveryTarget_HasSeeds()
    {
        foreach (string target in FuzzTargets.All.Keys)
        {
            Assert.True(Files("seeds", target).Length > 0, $"no seeds for {target}");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void SeedsAndKeptFindings_RunWithoutAnException(string target)
    {
        Action<byte[]> run = FuzzTargets.All[target];
        foreach (string file in Files("seeds", target).Concat(Files("findings", target)))
        {
            Exception? thrown = Record.Exception(() => run(File.ReadAllBytes(file)));
            Assert.True(thrown is null, $"{target} threw on {Path.GetFileName(file)}: {thrown}");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void MutatedSeeds_RunWithoutAnException(string target)
    {
        Action<byte[]> run = FuzzTargets.All[target];
        byte[][] seeds = [.. Files("seeds", target).Select(File.ReadAllBytes)];
        Gen<byte[]> mutated = Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[0, 4], Gen.Int.Uniform, Gen.Byte).Select((s, kind, at, b) =>
        {
            byte[] seed = seeds[s];
            int i = seed.Length == 0 ? 0 : (int)((uint)at % (uint)seed.Length);
            return kind switch
            {
                0 => seed[..i],
                1 => [.. seed[..i], (byte)(seed.Length == 0 ? b : seed[i] ^ (b | 1)), .. seed.Length == 0 ? [] : seed[(i + 1)..]],
                2 => [.. seed[..i], b, .. seed[i..]],
                3 => [.. seed[..i], .. seed[i..], .. seed[i..]],
                _ => [.. seed[i..]],
            };
        });
        mutated.Sample(run, iter: 2_000);
    }

    private static string[] Files(string kind, string target)
    {
        string dir = Path.Combine(s_root, kind, target);
        return Directory.Exists(dir) ? Directory.GetFiles(dir) : [];
    }
}
