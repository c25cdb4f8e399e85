using System.Collections.Concurrent;

namespace OrderTracking.Functions.Tests.Simulation;

/// <summary>
/// Counts the storage requests the app sends (one HTTP request per storage operation; a batch transaction is one),
/// attributed to the stage the harness is running (<see cref="Stage"/>), or to <c>host</c> outside any.
/// </summary>
internal sealed class StageCountingHandler : DelegatingHandler
{
    private static readonly AsyncLocal<string?> s_stage = new();

    public StageCountingHandler() : base(new HttpClientHandler()) { }

    /// <summary>Requests per stage and per kind (<c>stage|GET table</c>, say).</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    /// <summary>The stage requests on this async flow are counted under, until the returned scope is disposed.</summary>
    public static IDisposable Stage(string name)
    {
        string? before = s_stage.Value;
        s_stage.Value = name;
        return new Restore(before);
    }

    public int Count(string stage) => Requests.Where(r => r.Key.StartsWith(stage + "|", StringComparison.Ordinal)).Sum(r => r.Value);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string[] segments = request.RequestUri!.AbsolutePath.Split('/'); // /account/{table or queue}[(keys)][/messages]
        string resource = segments.Length > 2 ? segments[2].Split('(')[0] : "?";
        Requests.AddOrUpdate($"{s_stage.Value ?? "host"}|{request.Method} {resource}", 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }

    private sealed class Restore(string? before) : IDisposable
    {
        public void Dispose() => s_stage.Value = before;
    }
}
