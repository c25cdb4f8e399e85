using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrderTracking.IntegrationTests.Carriers;

/// <summary>
/// Builds carrier answers from <c>Fixtures/Carriers/{carrier}/*.json</c> (written from the published schemas,
/// carriers.md §3). Placeholders: <c>{{n}}</c> the tracking number; <c>{{date±d}}</c> (yyyy-MM-dd) and <c>{{ymd±d}}</c>
/// (yyyyMMdd, UPS) the UTC date d days from today, so events stay recent and shipments do not expire as silent.
/// </summary>
internal static partial class StubResponses
{
    public static StubAnswer Track(string carrier, IReadOnlyList<string> numbers, Func<string, string?> scenarioOf)
    {
        switch (carrier)
        {
            case "fedex":
                // One answer for the whole batch: a completeTrackResults entry per number, found or not (§3 FedEx).
                var results = new JsonArray();
                foreach (string n in numbers)
                {
                    JsonNode one = JsonNode.Parse(Fixture("fedex", scenarioOf(n) ?? "not-found", n))!;
                    results.Add(one["output"]!["completeTrackResults"]![0]!.DeepClone());
                }

                return new StubAnswer(200, new JsonObject
                {
                    ["transactionId"] = Guid.NewGuid().ToString(),
                    ["output"] = new JsonObject { ["completeTrackResults"] = results },
                }.ToJsonString());
            case "ups":
                // UPS answers an unknown number with 200 and the TW0001 warning.
                return new StubAnswer(200, Fixture("ups", scenarioOf(numbers[0]) ?? "not-found", numbers[0]));
            case "usps":
            case "dhl":
                return scenarioOf(numbers[0]) is string scenario
                    ? new StubAnswer(200, Fixture(carrier, scenario, numbers[0]))
                    : new StubAnswer(404, Fixture(carrier, "not-found", numbers[0]));
            default:
                return new StubAnswer(404, "{}");
        }
    }

    public static string Fixture(string carrier, string scenario, string number)
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Carriers", carrier, scenario + ".json"));
        DateTime today = DateTime.UtcNow.Date;
        return Placeholder().Replace(text, m => m.Groups["kind"].Value switch
        {
            "n" => number,
            "date" => today.AddDays(Offset(m)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => today.AddDays(Offset(m)).ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        });
    }

    private static int Offset(Match m) => int.Parse(m.Groups["offset"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{\{(?<kind>n|date|ymd)(?<offset>[+-]\d+)?\}\}")]
    private static partial Regex Placeholder();
}
