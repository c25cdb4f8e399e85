namespace OrderTracking.Core.Kpis;

/// <summary>
/// One countable change of a shipment: it lands in the aggregate of <see cref="At"/>'s UTC day and adds
/// <see cref="Increments"/> there, once, whatever retries or duplicates follow (<see cref="Key"/> names it).
/// </summary>
/// <param name="Key">What happened (<c>registered</c>, <c>delivered</c>, <c>exception</c>, <c>returned</c>, <c>noUpdate</c>).</param>
/// <param name="At">The time whose day the transition counts on.</param>
/// <param name="Increments">Counter name → amount.</param>
public sealed record KpiTransition(string Key, DateTimeOffset At, IReadOnlyDictionary<string, int> Increments);
