using Microsoft.Extensions.Options;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;

namespace OrderTracking.Carriers.Sandbox;

/// <summary>
/// The deterministic local carrier (DESIGN §6): numbers <c>SBX</c> + scenario digit walk a scripted journey, one
/// step per <see cref="SandboxOptions.StepSeconds"/> from the shipment's registration. Event <c>i</c> happens at
/// <c>RegisteredAt + i × step</c>; the same number and registration time always give the same answer.
/// Scenario 7, other digits (0, 8, 9) and numbers without the prefix are <see cref="CarrierResultKind.NotFound"/>.
/// </summary>
public sealed class SandboxCarrierTracker : ICarrierTracker
{
    /// <summary>Steps after registration at which the sandbox promises delivery (the ETA while not terminal).</summary>
    public const int EtaSteps = 4;

    private readonly TimeSpan _step;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the tracker.</summary>
    public SandboxCarrierTracker(IOptions<SandboxOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Value.StepSeconds, 1, "Carriers:Sandbox:StepSeconds");
        _step = TimeSpan.FromSeconds(options.Value.StepSeconds);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string Carrier => CarrierCodes.Sandbox;

    /// <inheritdoc />
    public int MaxBatch => 1;

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, CarrierTrackingResult>> TrackAsync(
        IReadOnlyList<CarrierTrackingRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        cancellationToken.ThrowIfCancellationRequested();
        DateTimeOffset now = _timeProvider.GetUtcNow();
        var results = new Dictionary<string, CarrierTrackingResult>(requests.Count, StringComparer.Ordinal);
        foreach (CarrierTrackingRequest request in requests)
        {
            results[request.TrackingNumber] = Track(request, now);
        }

        return Task.FromResult<IReadOnlyDictionary<string, CarrierTrackingResult>>(results);
    }

    private CarrierTrackingResult Track(CarrierTrackingRequest request, DateTimeOffset now)
    {
        string number = CarrierResolver.NormalizeTrackingNumber(request.TrackingNumber);
        IReadOnlyList<TrackingStatus>? journey = SandboxScenario.JourneyFor(number);
        if (journey is null)
        {
            return CarrierTrackingResult.NotFound();
        }

        DateTimeOffset start = request.RegisteredAt.ToUniversalTime();
        long stepsElapsed = now <= start ? 0 : (now - start).Ticks / _step.Ticks;
        int visible = (int)Math.Min(stepsElapsed + 1, journey.Count);
        SandboxRoute route = SandboxPlaces.RouteFor(number);

        var events = new TrackingEvent[visible];
        for (int i = 0; i < visible; i++)
        {
            // Newest first, as the port requires.
            events[visible - 1 - i] = SandboxEvents.Create(journey[i], start + (_step * i), route);
        }

        TrackingStatus current = journey[visible - 1];
        DateTimeOffset? eta = current.IsTerminal() ? null : start + (_step * EtaSteps);
        return CarrierTrackingResult.Found(current, events, eta, SandboxEvents.ReasonFor(current));
    }
}
