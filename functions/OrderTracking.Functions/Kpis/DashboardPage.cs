using System.Globalization;
using System.Net;
using System.Text;
using OrderTracking.Core.Kpis;

namespace OrderTracking.Functions.Kpis;

/// <summary>
/// The merchant's KPI dashboard: one server-rendered HTML page with inline SVG charts (no script, no external
/// resource, a strict CSP) and the numbers behind each chart in a table, so it reads the same to a screen reader.
/// </summary>
internal static class DashboardPage
{
    // Okabe–Ito: distinguishable with the common colour-vision deficiencies; each series is also named in its legend.
    private static readonly string[] s_palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];
    private static readonly (string Label, double UpperHours)[] s_transitGroups =
        [("< 1 d", 24), ("1–2 d", 48), ("2–3 d", 72), ("3–4 d", 96), ("4–5 d", 120), ("5–7 d", 168), ("7–14 d", 336), ("14 d +", double.PositiveInfinity)];

    private const int Width = 520;
    private const int Height = 220;
    private const int Left = 48;
    private const int Right = 12;
    private const int Top = 12;
    private const int Bottom = 32;

    public static string Render(KpiReport report, DateTimeOffset now)
    {
        var html = new StringBuilder(32_768);
        KpiFigures t = report.Totals;
        string range = $"{Day(report.From)} to {Day(report.To)}" + (report.Carrier is { } c ? $", carrier {c}" : string.Empty) + (report.Source is { } s ? $", source {s}" : string.Empty);
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Delivery KPIs</title>
            <style>
            body{"{"}margin:0;font:15px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff{"}"}
            main{"{"}max-width:72rem;margin:0 auto;padding:1rem{"}"}
            h1{"{"}font-size:1.5em;margin:.25rem 0{"}"} h2{"{"}font-size:1.15em;margin:1.5rem 0 .25rem{"}"}
            .cards{"{"}display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0;margin:1rem 0{"}"}
            .cards li{"{"}border:1px solid #767676;border-radius:6px;padding:.5rem .75rem;min-width:9rem{"}"}
            .cards b{"{"}display:block;font-size:1.4em{"}"}
            .grid{"{"}display:grid;grid-template-columns:repeat(auto-fit,minmax(min(30rem,100%),1fr));gap:1rem{"}"}
            figure{"{"}margin:0{"}"} svg{"{"}width:100%;height:auto;max-width:{Width}px{"}"}
            table{"{"}border-collapse:collapse;margin:.5rem 0;font-variant-numeric:tabular-nums{"}"}
            th,td{"{"}border-bottom:1px solid #ccc;padding:.2rem .6rem;text-align:right{"}"} th:first-child,td:first-child{"{"}text-align:left{"}"}
            .legend{"{"}list-style:none;padding:0;margin:.25rem 0;display:flex;gap:1rem;flex-wrap:wrap{"}"}
            .swatch{"{"}display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em{"}"}
            .muted{"{"}color:#595959{"}"}
            </style></head>
            <body><main>
            <h1>Delivery KPIs</h1>
            <p class="muted">{E(range)} (UTC days) · generated {E(now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC · <a href="kpis?from={Day(report.From)}&amp;to={Day(report.To)}">JSON</a> needs the same key</p>
            <ul class="cards" aria-label="Totals">
            {Card("Shipments", Count(t.Shipments))}{Card("Delivered", Count(t.Delivered))}{Card("On time", Percent(t.OnTimeRate))}{Card("Exceptions", Percent(t.ExceptionRate))}
            {Card("Tracking coverage", Percent(t.TrackingCoverage))}{Card("Transit p50 / p90", $"{Hours(t.TransitHours.P50)} / {Hours(t.TransitHours.P90)}")}{Card("Email click-through", Percent(report.Notifications.FirstOrDefault(n => n.Channel == "email")?.ClickThroughRate))}
            </ul>
            """);

        string[] carriers = [.. report.Carriers.Select(f => f.Carrier!)];
        DateOnly[] days = [.. Enumerable.Range(0, report.To.DayNumber - report.From.DayNumber + 1).Select(report.From.AddDays)];
        html.Append("<div class=\"grid\">");
        html.Append(LineChart("ontime", "On-time rate per carrier", "Share of deliveries with a promise that arrived on or before the first promised day, per delivery day.",
            days, carriers, (d, c) => Rate(report.Days.FirstOrDefault(x => x.Date == d && x.Carrier == c) is { } k ? (k.DeliveredOnTime, k.DeliveredWithPromise) : (0, 0))));
        html.Append(LineChart("exceptions", "Exception rate per carrier", "First exceptions on the day over shipments registered on the day.",
            days, carriers, (d, c) => Rate(report.Days.FirstOrDefault(x => x.Date == d && x.Carrier == c) is { } k ? (k.Exceptions, k.Shipments) : (0, 0))));
        html.Append(TransitChart(report));
        html.Append(CoverageChart(report));
        html.Append(ClickThroughChart(report));
        html.Append("</div>");
        html.Append(ClickThrough(report));
        html.Append(CarrierTable(report));
        html.Append("""
            <p class="muted">Formulas: docs/kpis.md. A day is a UTC day; each count lands on the day of its event (registration, delivery, first exception).</p>
            </main></body></html>
            """);
        return html.ToString();
    }

    private static string LineChart(string id, string title, string description, DateOnly[] days, string[] carriers, Func<DateOnly, string, double?> value)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<figure><h2 id="{id}-t">{E(title)}</h2><svg viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="{id}-t {id}-d"><desc id="{id}-d">{E(description)}</desc>""");
        YAxis(svg, v => Percent(v));
        XAxis(svg, days);
        var table = new StringBuilder($"<table><caption class=\"muted\">{E(title)}, by day</caption><tr><th scope=\"col\">Day</th>");
        foreach (string carrier in carriers)
        {
            table.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(carrier)}</th>");
        }

        table.Append("</tr>");
        for (int ci = 0; ci < carriers.Length; ci++)
        {
            string color = s_palette[ci % s_palette.Length];
            var path = new StringBuilder();
            bool pen = false;
            for (int i = 0; i < days.Length; i++)
            {
                if (value(days[i], carriers[ci]) is not { } v)
                {
                    pen = false;
                    continue;
                }

                (double x, double y) = (X(i, days.Length), Y(v));
                path.Append(CultureInfo.InvariantCulture, $"{(pen ? 'L' : 'M')}{x:0.#},{y:0.#} ");
                svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{x:0.#}" cy="{y:0.#}" r="3" fill="{color}"><title>{E(carriers[ci])} {Day(days[i])}: {Percent(v)}</title></circle>""");
                pen = true;
            }

            svg.Append(CultureInfo.InvariantCulture, $"""<path d="{path.ToString().TrimEnd()}" fill="none" stroke="{color}" stroke-width="2"/>""");
        }

        foreach (DateOnly day in days.Where(d => carriers.Any(c => value(d, c) is not null)))
        {
            table.Append(CultureInfo.InvariantCulture, $"<tr><td>{Day(day)}</td>");
            foreach (string carrier in carriers)
            {
                table.Append(CultureInfo.InvariantCulture, $"<td>{Percent(value(day, carrier))}</td>");
            }

            table.Append("</tr>");
        }

        svg.Append("</svg>");
        svg.Append(Legend(carriers));
        svg.Append(CultureInfo.InvariantCulture, $"<details><summary>Numbers</summary>{table}</table></details></figure>");
        return svg.ToString();
    }

    private static string TransitChart(KpiReport report)
    {
        long[] grouped = new long[s_transitGroups.Length];
        for (int i = 0; i < report.TransitBucketCounts.Count; i++)
        {
            double lower = i == 0 ? 0 : report.TransitBucketUpperHours[i - 1];
            grouped[Array.FindIndex(s_transitGroups, g => lower < g.UpperHours)] += report.TransitBucketCounts[i];
        }

        return BarChart("transit", "Transit time distribution", "Delivered shipments by time from first carrier scan to delivery.",
            [.. s_transitGroups.Select((g, i) => (g.Label, (double)grouped[i], Count(grouped[i])))], AxisMax(grouped.Max()), percent: false);
    }

    private static string CoverageChart(KpiReport report) =>
        BarChart("coverage", "Tracking coverage per carrier", "Share of shipments with a carrier update within 24 hours of registration.",
            [.. report.Carriers.Select(c => (c.Carrier!, c.TrackingCoverage ?? 0, Percent(c.TrackingCoverage)))], 1, percent: true);

    private static string ClickThroughChart(KpiReport report)
    {
        ChannelFigures? email = report.Notifications.FirstOrDefault(c => c.Channel == "email");
        (string Label, double Value, string Text)[] bars = email is null ? [] : [.. email.Sent.Where(kv => kv.Value > 0).Select(kv =>
        {
            double rate = (double)email.Opened[kv.Key] / kv.Value;
            return (Short(kv.Key), rate, Percent(rate));
        })];
        return BarChart("clicks", "Email link click-through", "Share of the emails sent whose tracking link was opened, per milestone (texts: the table below).", bars, 1, percent: true);
    }

    private static string Short(string milestone) => milestone switch
    {
        "outForDelivery" => "out for del.",
        "orderConfirmed" => "order",
        _ => milestone,
    };

    private static string BarChart(string id, string title, string description, (string Label, double Value, string Text)[] bars, double max, bool percent)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<figure><h2 id="{id}-t">{E(title)}</h2><svg viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="{id}-t {id}-d"><desc id="{id}-d">{E(description)}</desc>""");
        YAxis(svg, v => percent ? Percent(v) : Count((long)Math.Round(v * max)));
        double slot = (Width - Left - Right) / (double)Math.Max(1, bars.Length);
        var table = new StringBuilder($"<table><caption class=\"muted\">{E(title)}</caption>");
        for (int i = 0; i < bars.Length; i++)
        {
            double h = (Height - Top - Bottom) * (bars[i].Value / max);
            double x = Left + (i * slot) + (slot * 0.15);
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x:0.#}" y="{Height - Bottom - h:0.#}" width="{slot * 0.7:0.#}" height="{h:0.#}" fill="{s_palette[0]}"><title>{E(bars[i].Label)}: {E(bars[i].Text)}</title></rect>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x + (slot * 0.35):0.#}" y="{Height - Bottom + 16}" font-size="12" text-anchor="middle" fill="#1a1a1a">{E(bars[i].Label)}</text>""");
            table.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(bars[i].Label)}</td><td>{E(bars[i].Text)}</td></tr>");
        }

        svg.Append("</svg>");
        svg.Append(CultureInfo.InvariantCulture, $"<details><summary>Numbers</summary>{table}</table></details></figure>");
        return svg.ToString();
    }

    private static string ClickThrough(KpiReport report)
    {
        var html = new StringBuilder("<h2>Messages and tracking-page opens</h2><table><tr><th scope=\"col\">Channel · milestone</th><th scope=\"col\">Sent</th><th scope=\"col\">Opened</th><th scope=\"col\">Click-through</th></tr>");
        foreach (ChannelFigures channel in report.Notifications)
        {
            foreach ((string milestone, long sent) in channel.Sent.Where(kv => kv.Value > 0 || channel.Opened[kv.Key] > 0))
            {
                long opened = channel.Opened[milestone];
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(channel.Channel)} · {E(milestone)}</td><td>{Count(sent)}</td><td>{Count(opened)}</td><td>{Percent(sent == 0 ? null : (double)opened / sent)}</td></tr>");
            }
        }

        html.Append(CultureInfo.InvariantCulture, $"</table><p>Order lookups: {Count(report.Lookups)} found, {Count(report.LookupMisses)} without a match.</p>");
        return html.ToString();
    }

    private static string CarrierTable(KpiReport report)
    {
        var html = new StringBuilder("<h2>Per carrier</h2><table><tr>");
        foreach (string h in new[] { "Carrier", "Shipments", "Delivered", "On time", "On-time rate", "Exceptions", "Returns", "No update after 24 h", "Transit p50", "Transit p90" })
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{h}</th>");
        }

        html.Append("</tr>");
        foreach (KpiFigures f in report.Carriers.Append(report.Totals with { Carrier = "all" }))
        {
            html.Append(CultureInfo.InvariantCulture, $"""<tr data-carrier="{E(f.Carrier!)}"><td>{E(f.Carrier!)}</td><td>{Count(f.Shipments)}</td><td>{Count(f.Delivered)}</td><td>{Count(f.DeliveredOnTime)}</td><td>{Percent(f.OnTimeRate)}</td><td>{Count(f.Exceptions)}</td><td>{Count(f.Returns)}</td><td>{Count(f.NoUpdateAfter24h)}</td><td>{Hours(f.TransitHours.P50)}</td><td>{Hours(f.TransitHours.P90)}</td></tr>""");
        }

        return html.Append("</table>").ToString();
    }

    private static void YAxis(StringBuilder svg, Func<double, string> label)
    {
        for (int i = 0; i <= 4; i++)
        {
            double v = i / 4.0, y = Y(v);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" x2="{Width - Right}" y1="{y:0.#}" y2="{y:0.#}" stroke="#d0d0d0"/><text x="{Left - 6}" y="{y + 4:0.#}" font-size="13" text-anchor="end" fill="#1a1a1a">{E(label(v))}</text>""");
        }
    }

    private static void XAxis(StringBuilder svg, DateOnly[] days)
    {
        int step = Math.Max(1, days.Length / 6);
        for (int i = 0; i < days.Length; i += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{X(i, days.Length):0.#}" y="{Height - Bottom + 16}" font-size="13" text-anchor="middle" fill="#1a1a1a">{days[i].ToString("MM-dd", CultureInfo.InvariantCulture)}</text>""");
        }
    }

    private static string Legend(string[] names)
    {
        var html = new StringBuilder("<ul class=\"legend\">");
        for (int i = 0; i < names.Length; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<li><span class="swatch" style="background:{s_palette[i % s_palette.Length]}"></span>{E(names[i])}</li>""");
        }

        return html.Append("</ul>").ToString();
    }

    /// <summary>A count axis with whole-number ticks: the maximum rounded up to a multiple of the 4 grid steps.</summary>
    private static double AxisMax(long max) => Math.Max(4, (max + 3) / 4 * 4);

    private static double X(int index, int count) => count <= 1 ? (Left + Width - Right) / 2.0 : Left + (index * (Width - Left - Right) / (double)(count - 1));

    private static double Y(double fraction) => Top + ((Height - Top - Bottom) * (1 - Math.Clamp(fraction, 0, 1)));

    private static double? Rate((long Part, long Whole) v) => v.Whole == 0 ? null : (double)v.Part / v.Whole;

    private static string Card(string label, string value) => $"<li>{E(label)}<b>{E(value)}</b></li>";

    private static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Hours(double? hours) => hours is { } h ? h.ToString("0.#", CultureInfo.InvariantCulture) + " h" : "–";

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
