namespace OrderTracking.Benchmarks;

/// <summary>
/// A load/measurement scenario that is not a BenchmarkDotNet micro-benchmark (it needs a server, Azurite, a stub...).
/// Run with <c>dotnet run -c Release --project tests/OrderTracking.Benchmarks -- scenario &lt;name&gt;</c>.
/// </summary>
internal interface IScenario
{
    /// <summary>The name used on the command line.</summary>
    string Name { get; }

    /// <summary>One line describing what is measured.</summary>
    string Description { get; }

    /// <summary>Runs the scenario and prints its numbers to stdout.</summary>
    Task RunAsync(string[] args, CancellationToken cancellationToken);
}
