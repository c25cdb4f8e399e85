using System.Diagnostics;
using System.Globalization;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Notifications;
using OrderTracking.Core.Polling;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Benchmarks.Cadence;

/// <summary>
/// Issue 12: the app's polling policy on a fake clock at scale. The real cadence (<see cref="PollCadence"/>, default
/// options, with jitter), merge (<see cref="TrackingMerger"/>) and milestone (<see cref="MilestonePolicy"/>) code polls a
/// fake carrier that plays realistic journeys:
/// <list type="bullet">
/// <item>label, then a first scan 0.5–2 days later, at any hour, or (<c>FirstScan=evening</c>) at 16:00–23:00 on that
/// day, the end of a daily pickup round;</item>
/// <item>in transit for 1–6 days, with scans every 6–24 h and the delivery day as the ETA;</item>
/// <item>out for delivery at 06:00–10:00 on that day, delivered 3–9 h later;</item>
/// <item>5 % with an exception a day before delivery, and 3 % with a 4-day stall.</item>
/// </list>
/// No storage: this measures the policy (calls and milestone lag), not the tables (see the DevHost scenarios).
/// Reported: carrier calls per delivered shipment against a fixed 2-hour poller over the same journeys, and the lag
/// from each scan to the poll that sees it (p50/p95) per milestone.
/// Usage: <c>scenario cadence [shipments=100000] [seed=12] [Option=TimeSpan …]</c>, e.g. <c>LabelCreated=02:00:00
/// InTransit=12:00:00</c> or <c>PickupWindowStart=16:00:00</c> to try other <see cref="PollCadenceOptions"/> values
/// against the same journeys, and <c>FirstScan=evening</c> for journeys with a daily pickup.
/// </summary>
internal sealed class CadenceSimulationScenario : IScenario
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public string Name => "cadence";

    public string Description => "100,000 simulated journeys: carrier calls per delivered shipment vs a fixed 2-hour poller, milestone lag p50/p95";

    public Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        int seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 12;
        var random = new Random(seed);
        var options = new PollCadenceOptions();
        bool pickupEvening = false;
        foreach (string pair in args.Skip(2))
        {
            string[] kv = pair.Split('=', 2);
            if (kv[0] == "FirstScan")
            {
                pickupEvening = kv[1] switch
                {
                    "evening" => true,
                    "any" => false,
                    _ => throw new ArgumentException($"FirstScan is 'any' (any hour, the default) or 'evening' (a daily pickup: 16:00–23:00 UTC), not '{kv[1]}'"),
                };
                continue;
            }

            System.Reflection.PropertyInfo property = typeof(PollCadenceOptions).GetProperty(kv[0]) ?? throw new ArgumentException($"PollCadenceOptions has no {kv[0]}");
            Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            property.SetValue(options, type == typeof(TimeSpan) ? TimeSpan.Parse(kv[1], CultureInfo.InvariantCulture) : Convert.ChangeType(kv[1], type, CultureInfo.InvariantCulture));
        }

        var cadence = new PollCadence(options);
        var wall = Stopwatch.StartNew();

        long calls = 0;
        long fixedCalls = 0;
        int delivered = 0;
        var lags = new Dictionary<Milestone, List<double>>();
        var fixedLags = new Dictionary<Milestone, List<double>>();
        var phases = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var fixedPhases = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            Journey journey = Journey.Generate(s_start.AddSeconds(random.NextDouble() * 86_400), pickupEvening, random);
            (int c, bool done) = Poll(journey, (context, now) => cadence.Next(context, now, random).NextDue, lags, phases);
            (int f, _) = Poll(journey, (context, now) => context.Status is TrackingStatus.Delivered ? null : now + TimeSpan.FromHours(2), fixedLags, fixedPhases);
            calls += c;
            fixedCalls += f;
            delivered += done ? 1 : 0;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cadence scenario: {count} journeys (seed {seed}), {delivered} delivered, {wall.Elapsed.TotalSeconds:F1} s wall"));
        Console.WriteLine(pickupEvening
            ? "  journeys: first scan on the handover day (0.5–2 days after the label) at 16:00–23:00 UTC, the end of a daily pickup round"
            : "  journeys: first scan 0.5–2 days after the label, at any hour");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  cadence: label {options.LabelCreated}{(options.PickupWindowStart is { } pickup ? $" inside the pickup window {pickup}+{options.PickupWindow} {options.ShipFromTimeZone}, {options.LabelCreatedOutsideWindow} outside" : "")}, before the ETA day {options.BeforeEta}, window {options.EtaDayStart}+{options.DeliveryWindow} every {options.EtaToday}, in transit {options.InTransit}, out for delivery {options.OutForDelivery}, jitter {options.Jitter}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  carrier calls per delivered: app {(double)calls / delivered:F1}, fixed 2 h {(double)fixedCalls / delivered:F1}, ratio {(double)calls / fixedCalls:F2}x"));
        Console.WriteLine("  calls per delivered by the status polled (app | fixed 2 h): " + string.Join(", ", phases.Keys.Union(fixedPhases.Keys).Order(StringComparer.Ordinal).Select(k =>
            string.Create(CultureInfo.InvariantCulture, $"{k} {(double)phases.GetValueOrDefault(k) / delivered:F1} | {(double)fixedPhases.GetValueOrDefault(k) / delivered:F1}"))));
        foreach (Milestone milestone in new[] { Milestone.Shipped, Milestone.OutForDelivery, Milestone.Exception, Milestone.Delivered })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  lag {milestone,-15}: app p50 {Minutes(lags, milestone, 0.50),6:F0} min, p95 {Minutes(lags, milestone, 0.95),6:F0} min | fixed 2 h p50 {Minutes(fixedLags, milestone, 0.50),6:F0}, p95 {Minutes(fixedLags, milestone, 0.95),6:F0}"));
        }

        return Task.CompletedTask;
    }

    /// <summary>Polls one journey with <paramref name="next"/> until nothing is due; returns the calls and whether delivery was seen.</summary>
    private static (int Calls, bool Delivered) Poll(
        Journey journey, Func<PollContext, DateTimeOffset, DateTimeOffset?> next, Dictionary<Milestone, List<double>> lags, SortedDictionary<string, long> phases)
    {
        var state = new ShipmentTracking { Status = TrackingStatus.NotFound, UpdatedAt = journey.RegisteredAt };
        DateTimeOffset? due = journey.RegisteredAt;
        bool confirmed = false;
        int calls = 0;
        while (due is { } now && calls < 2_000)
        {
            calls++;
            string phase = state.Status is TrackingStatus.InTransit && state.Eta is { } eta && now.Date >= eta.Date ? "inTransit (ETA day or later)" : state.Status.ToString();
            phases[phase] = phases.GetValueOrDefault(phase) + 1;
            CarrierTrackingResult answer = journey.AnswerAt(now);
            bool scannedBefore = MilestonePolicy.HasCarrierScan(state.Events);
            TrackingStatus previous = state.Status;
            confirmed |= previous == TrackingStatus.Delivered && answer.Kind == CarrierResultKind.Found;
            MergeOutcome merged = TrackingMerger.Merge(state, answer, now);
            state = merged.State;
            foreach (Milestone milestone in MilestonePolicy.MilestonesFor(previous, state.Status, scannedBefore, MilestonePolicy.HasCarrierScan(state.Events)))
            {
                if (journey.FirstTimeOf(milestone) is { } happened)
                {
                    (lags.TryGetValue(milestone, out List<double>? list) ? list : lags[milestone] = []).Add((now - happened).TotalMinutes);
                }
            }

            if (state.Status.IsTerminal() && (state.Status != TrackingStatus.Delivered || confirmed))
            {
                break;
            }

            due = next(new PollContext(state.Status, state.Eta, state.LastEventAt, journey.RegisteredAt, 0, confirmed), now);
        }

        return (calls, state.Status == TrackingStatus.Delivered);
    }

    private static double Minutes(Dictionary<Milestone, List<double>> lags, Milestone milestone, double p)
    {
        if (!lags.TryGetValue(milestone, out List<double>? list) || list.Count == 0)
        {
            return double.NaN;
        }

        list.Sort();
        return list[Math.Min(list.Count - 1, (int)Math.Ceiling(p * list.Count) - 1)];
    }

    /// <summary>One parcel's scans as the carrier would report them.</summary>
    private sealed class Journey
    {
        private readonly List<TrackingEvent> _events = [];

        public DateTimeOffset RegisteredAt { get; private init; }

        public DateTimeOffset Eta { get; private init; }

        /// <summary>
        /// A journey registered at <paramref name="registered"/>. The parcel is handed over 0.5–2 days later; with
        /// <paramref name="pickupEvening"/> its first scan is that day's pickup scan or arrival scan at the carrier's
        /// facility at the end of the driver's round, 16:00–23:00 (UTC here; the cadence is told the ship-from zone),
        /// otherwise at the handover hour, whatever it is.
        /// </summary>
        public static Journey Generate(DateTimeOffset registered, bool pickupEvening, Random random)
        {
            DateTimeOffset firstScan = registered.AddHours(12 + (random.NextDouble() * 36));
            if (pickupEvening)
            {
                firstScan = new DateTimeOffset(firstScan.UtcDateTime.Date, TimeSpan.Zero).AddHours(16 + (random.NextDouble() * 7));
            }

            DateTimeOffset deliveryDay = firstScan.AddDays(1 + (random.NextDouble() * 5)).UtcDateTime.Date;
            DateTimeOffset outForDelivery = new DateTimeOffset(deliveryDay.UtcDateTime, TimeSpan.Zero).AddHours(6 + (random.NextDouble() * 4));
            if (outForDelivery <= firstScan.AddHours(6))
            {
                outForDelivery = firstScan.AddHours(12);
            }

            var journey = new Journey { RegisteredAt = registered, Eta = new DateTimeOffset(outForDelivery.UtcDateTime.Date.AddHours(20), TimeSpan.Zero) };
            journey._events.Add(new TrackingEvent(registered, TrackingStatus.LabelCreated, "Label created"));
            bool stall = random.NextDouble() < 0.03;
            DateTimeOffset scan = firstScan;
            DateTimeOffset deliveryScan = outForDelivery.AddHours(3 + (random.NextDouble() * 6));
            if (stall)
            {
                outForDelivery = outForDelivery.AddDays(4);
                deliveryScan = deliveryScan.AddDays(4);
            }

            while (scan < outForDelivery)
            {
                journey._events.Add(new TrackingEvent(scan, TrackingStatus.InTransit, "Departed facility"));
                scan = scan.AddHours(6 + (random.NextDouble() * 18));
                if (stall && scan > firstScan.AddDays(1) && scan < firstScan.AddDays(5))
                {
                    scan = firstScan.AddDays(5); // four days without a scan
                }
            }

            if (random.NextDouble() < 0.05)
            {
                DateTimeOffset exception = outForDelivery.AddDays(-1).AddHours(2);
                journey._events.Add(new TrackingEvent(exception > firstScan ? exception : firstScan.AddHours(1), TrackingStatus.Exception, "Weather delay"));
                journey._events.Add(new TrackingEvent((exception > firstScan ? exception : firstScan.AddHours(1)).AddHours(12), TrackingStatus.InTransit, "In transit"));
            }

            journey._events.Add(new TrackingEvent(outForDelivery, TrackingStatus.OutForDelivery, "Out for delivery"));
            journey._events.Add(new TrackingEvent(deliveryScan, TrackingStatus.Delivered, "Delivered"));
            journey._events.Sort((a, b) => a.Time.CompareTo(b.Time));
            return journey;
        }

        /// <summary>The carrier's answer at <paramref name="now"/>: every scan so far, newest first.</summary>
        public CarrierTrackingResult AnswerAt(DateTimeOffset now)
        {
            TrackingEvent[] seen = [.. _events.Where(e => e.Time <= now).OrderByDescending(e => e.Time)];
            return seen.Length == 0 ? CarrierTrackingResult.NotFound() : CarrierTrackingResult.Found(seen[0].Status, seen, Eta);
        }

        public DateTimeOffset? FirstTimeOf(Milestone milestone) => milestone switch
        {
            Milestone.Shipped => _events.FirstOrDefault(e => MilestonePolicy.IsCarrierScan(e.Status))?.Time,
            Milestone.OutForDelivery => _events.FirstOrDefault(e => e.Status == TrackingStatus.OutForDelivery)?.Time,
            Milestone.Exception => _events.FirstOrDefault(e => e.Status == TrackingStatus.Exception)?.Time,
            Milestone.Delivered => _events.FirstOrDefault(e => e.Status == TrackingStatus.Delivered)?.Time,
            _ => null,
        };
    }
}
