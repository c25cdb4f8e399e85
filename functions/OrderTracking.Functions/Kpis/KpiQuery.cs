using System.Globalization;
using OrderTracking.Core.Orders;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Functions.Kpis;

/// <summary>
/// The filters of <c>GET /api/kpis</c> and <c>/api/dashboard</c>: <c>from</c> and <c>to</c> (<c>yyyy-MM-dd</c>, UTC days,
/// both included; default the last 30 days to today), <c>carrier</c> (a carrier code) and <c>source</c> (an order source).
/// </summary>
internal sealed record KpiQuery(DateOnly From, DateOnly To, string? Carrier, string? Source)
{
    /// <summary>The longest range one request may read (days).</summary>
    public const int MaxDays = 366;

    public const int DefaultDays = 30;

    /// <summary>The query, or a 400 problem naming what is wrong.</summary>
    public static (KpiQuery? Query, IResult? Problem) Parse(IQueryCollection query, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DateOnly? to = Day(query, "to", errors), from = Day(query, "from", errors);
        DateOnly end = to ?? today;
        DateOnly start = from ?? end.AddDays(-(DefaultDays - 1));
        if (errors.Count == 0 && start > end)
        {
            errors["from"] = ["'from' is after 'to'."];
        }
        else if (errors.Count == 0 && end.DayNumber - start.DayNumber + 1 > MaxDays)
        {
            errors["from"] = [$"At most {MaxDays} days per request."];
        }

        string? carrier = Optional(query, "carrier");
        if (carrier is not null && !CarrierCodes.All.Contains(carrier))
        {
            errors["carrier"] = [$"One of: {string.Join(", ", CarrierCodes.All)}."];
        }

        string? source = Optional(query, "source");
        if (source is not null && !OrderKey.Sources.Contains(source))
        {
            errors["source"] = [$"One of: {string.Join(", ", OrderKey.Sources)}."];
        }

        return errors.Count > 0
            ? (null, Results.ValidationProblem(errors, title: "Invalid KPI query"))
            : (new KpiQuery(start, end, carrier, source), null);
    }

    private static string? Optional(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } value ? value : null;

    private static DateOnly? Day(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (Optional(query, name) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day) && day.Year >= 2000)
        {
            return day;
        }

        errors[name] = ["A UTC day as yyyy-MM-dd."];
        return null;
    }
}
