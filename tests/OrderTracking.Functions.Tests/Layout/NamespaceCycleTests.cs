using System.Text.RegularExpressions;
using OrderTracking.Testing;

namespace OrderTracking.Functions.Tests.Layout;

/// <summary>
/// The function app's namespaces form no cycle: capabilities (Webhooks, Ingestion, Polling, …) may use Hosting and
/// Storage; Hosting uses only Storage; Storage uses none of them; the composition root (the root namespace, with
/// Program.cs) is the only place that knows every capability.
/// </summary>
public sealed partial class NamespaceCycleTests
{
    private const string Root = "OrderTracking.Functions";

    [Fact]
    public void FunctionAppNamespaces_HaveNoCycles()
    {
        Dictionary<string, HashSet<string>> graph = ReadGraph(Path.Combine(RepositoryLayout.Root, "functions", Root));

        string[][] cycles = StronglyConnected(graph).Where(c => c.Length > 1).ToArray();

        Assert.True(cycles.Length == 0, "namespace cycles: " + string.Join("; ", cycles.Select(c => string.Join(" <-> ", c))));
        Assert.True(graph.ContainsKey($"{Root}.Hosting"), "the graph was not read");
    }

    [Fact]
    public void StorageAndHosting_AreTheBottomLayers()
    {
        Dictionary<string, HashSet<string>> graph = ReadGraph(Path.Combine(RepositoryLayout.Root, "functions", Root));

        Assert.Empty(graph.GetValueOrDefault($"{Root}.Storage") ?? []);
        Assert.Equal([$"{Root}.Storage"], graph.GetValueOrDefault($"{Root}.Hosting") ?? []);
    }

    private static Dictionary<string, HashSet<string>> ReadGraph(string projectDirectory)
    {
        string[] files = [.. Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))];
        var namespaces = files.ToDictionary(f => f, f => NamespaceRegex().Match(File.ReadAllText(f)) is { Success: true } m ? m.Groups[1].Value : Root);
        string[] known = [.. namespaces.Values.Distinct()];
        var graph = known.ToDictionary(n => n, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (string file in files)
        {
            string text = File.ReadAllText(file);
            string from = namespaces[file];
            IEnumerable<string> used = UsingRegex().Matches(text).Select(m => m.Groups[1].Value)
                .Concat(QualifiedRegex().Matches(text).Select(m => $"{Root}.{m.Groups[1].Value}"));
            foreach (string to in used.Where(u => u != from && known.Contains(u)))
            {
                graph[from].Add(to);
            }
        }

        return graph;
    }

    private static List<string[]> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<string[]>();
        int next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (string w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.TryGetValue(w, out int seen))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                result.Add([.. component.Order(StringComparer.Ordinal)]);
            }
        }

        foreach (string v in graph.Keys.Where(v => !index.ContainsKey(v)).ToArray())
        {
            Visit(v);
        }

        return result;
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceRegex();

    [GeneratedRegex(@"^using (OrderTracking\.Functions(?:\.\w+)+);", RegexOptions.Multiline)]
    private static partial Regex UsingRegex();

    // Fully qualified references inside the app, e.g. "Ingestion.InboundQueue.IsUnavailable(…)".
    [GeneratedRegex(@"(?<![\w.])(Ingestion|Notifications|Polling|Storage|Tracking|Webhooks|Hosting|Health|Registration|Widget)\.[A-Z]\w*")]
    private static partial Regex QualifiedRegex();
}
