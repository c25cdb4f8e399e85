using OrderTracking.Fuzz;
using SharpFuzz;

// afl-fuzz runs this once per worker and feeds it inputs through SharpFuzz's fork server (fuzz.sh):
//   dotnet OrderTracking.Fuzz.dll <target>
// Without AFL, `dotnet OrderTracking.Fuzz.dll <target> <file>...` runs the target once per file (reproducing a crash).
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out Action<byte[]>? target))
{
    Console.Error.WriteLine($"usage: OrderTracking.Fuzz <target> [file...]; targets: {string.Join(", ", FuzzTargets.All.Keys)}");
    return 2;
}

if (args.Length > 1)
{
    foreach (string file in args[1..])
    {
        target(File.ReadAllBytes(file));
        Console.WriteLine($"ok {file}");
    }

    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
