using Microsoft.Extensions.Options;
using OrderTracking.Carriers.Sandbox;
using OrderTracking.Core.Carriers;
using OrderTracking.Core.Tracking;
using OrderTracking.Testing;

namespace OrderTracking.Carriers.Tests.Sandbox;

public sealed class SandboxCarrierTrackerTests
{
    private static readonly DateTimeOffset s_registered = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_step = TimeSpan.FromSeconds(60);

    public static TheoryData<string, int, TrackingStatus> Journeys => new()
    {
        { "SBX1000001", 0, TrackingStatus.LabelCreated },
        { "SBX1000001", 10, TrackingStatus.LabelCreated },
        { "SBX2000001", 0, TrackingStatus.LabelCreated },
        { "SBX2000001", 1, TrackingStatus.InTransit },
        { "SBX2000001", 9, TrackingStatus.InTransit },
        { "SBX3000001", 1, TrackingStatus.InTransit },
        { "SBX3000001", 2, TrackingStatus.OutForDelivery },
        { "SBX3000001", 50, TrackingStatus.OutForDelivery },
        { "SBX4000001", 0, TrackingStatus.LabelCreated },
        { "SBX4000001", 1, TrackingStatus.InTransit },
        { "SBX4000001", 2, TrackingStatus.OutForDelivery },
        { "SBX4000001", 3, TrackingStatus.Delivered },
        { "SBX4000001", 99, TrackingStatus.Delivered },
        { "SBX5000001", 1, TrackingStatus.InTransit },
        { "SBX5000001", 2, TrackingStatus.ReturnToSender },
        { "SBX6000001", 1, TrackingStatus.InTransit },
        { "SBX6000001", 2, TrackingStatus.Exception },
        { "SBX6000001", 7, TrackingStatus.Exception },
    };

    [Theory]
    [MemberData(nameof(Journeys))]
    public async Task TrackAsync_ScenarioAfterSteps_ReturnsScriptedStatus(string number, int steps, TrackingStatus expected)
    {
        // Half a step past the boundary: the step counts once it has fully elapsed.
        CarrierTrackingResult result = await TrackAsync(number, s_registered + (s_step * steps) + (s_step / 2));

        Assert.Equal(CarrierResultKind.Found, result.Kind);
        Assert.Equal(expected, result.Status);
        Assert.Equal(expected, result.Events[0].Status);
    }

    [Fact]
    public async Task TrackAsync_JustBeforeStepBoundary_DoesNotAdvance()
    {
        CarrierTrackingResult result = await TrackAsync("SBX4123", s_registered + s_step - TimeSpan.FromTicks(1));

        Assert.Equal(TrackingStatus.LabelCreated, result.Status);
        Assert.Single(result.Events);
    }

    [Fact]
    public async Task TrackAsync_Delivered_EventsNewestFirstAtRegistrationPlusSteps()
    {
        CarrierTrackingResult result = await TrackAsync("SBX4ABC", s_registered.AddHours(2));

        TrackingStatus[] statuses = [.. result.Events.Select(e => e.Status)];
        Assert.Equal([TrackingStatus.Delivered, TrackingStatus.OutForDelivery, TrackingStatus.InTransit, TrackingStatus.LabelCreated], statuses);
        for (int i = 0; i < result.Events.Count; i++)
        {
            Assert.Equal(s_registered + (s_step * (result.Events.Count - 1 - i)), result.Events[i].Time);
            Assert.False(string.IsNullOrWhiteSpace(result.Events[i].City));
            Assert.Equal("US", result.Events[i].Country);
        }

        Assert.Null(result.Eta);
    }

    [Fact]
    public async Task TrackAsync_NotTerminal_EtaIsRegistrationPlusFourSteps()
    {
        CarrierTrackingResult result = await TrackAsync("SBX2XYZ", s_registered.AddMinutes(1.5));

        Assert.Equal(s_registered + (s_step * 4), result.Eta);
    }

    [Theory]
    [InlineData("SBX7000001")]
    [InlineData("SBX8000001")]
    [InlineData("SBX0000001")]
    [InlineData("SBX")]
    [InlineData("1Z5R89390357567127")]
    public async Task TrackAsync_NotFoundScenarioOrForeignNumber_ReturnsNotFound(string number)
    {
        CarrierTrackingResult result = await TrackAsync(number, s_registered.AddHours(5));

        Assert.Equal(CarrierResultKind.NotFound, result.Kind);
        Assert.Empty(result.Events);
    }

    [Fact]
    public async Task TrackAsync_SameNumberAndRegistration_IsDeterministicAcrossInstances()
    {
        DateTimeOffset now = s_registered.AddMinutes(3.2);
        CarrierTrackingResult first = await TrackAsync("SBX4777", now);
        CarrierTrackingResult second = await TrackAsync("SBX4777", now);

        Assert.Equal(first.Events, second.Events);
        Assert.Equal(first.Eta, second.Eta);
    }

    [Fact]
    public async Task TrackAsync_DifferentNumbers_CanGetDifferentCities()
    {
        var cities = new HashSet<string?>();
        for (int i = 0; i < 20; i++)
        {
            CarrierTrackingResult result = await TrackAsync($"SBX2{i:D4}", s_registered);
            cities.Add(result.Events[0].City);
        }

        Assert.True(cities.Count > 3, $"only {cities.Count} distinct origin cities");
    }

    [Fact]
    public async Task TrackAsync_ExceptionAndReturn_CarryReasons()
    {
        CarrierTrackingResult exception = await TrackAsync("SBX6001", s_registered.AddHours(1));
        CarrierTrackingResult returned = await TrackAsync("SBX5001", s_registered.AddHours(1));

        Assert.Equal(TrackingReason.AddressProblem, exception.Reason);
        Assert.Equal(TrackingReason.Refused, returned.Reason);
        Assert.Null(returned.Eta);
    }

    [Fact]
    public async Task TrackAsync_StepSecondsOption_ScalesJourney()
    {
        var clock = new FakeTimeProvider(s_registered.AddSeconds(25));
        var tracker = new SandboxCarrierTracker(Options.Create(new SandboxOptions { StepSeconds = 10 }), clock);

        IReadOnlyDictionary<string, CarrierTrackingResult> results = await tracker.TrackAsync(
            [new CarrierTrackingRequest("SBX4001", s_registered)], CancellationToken.None);

        Assert.Equal(TrackingStatus.OutForDelivery, results["SBX4001"].Status);
        Assert.Equal(s_registered.AddSeconds(20), results["SBX4001"].Events[0].Time);
    }

    [Fact]
    public async Task TrackAsync_ResultKeyedByRequestedNumber()
    {
        var tracker = new SandboxCarrierTracker(Options.Create(new SandboxOptions()), new FakeTimeProvider(s_registered));

        IReadOnlyDictionary<string, CarrierTrackingResult> results = await tracker.TrackAsync(
            [new CarrierTrackingRequest("sbx2-001", s_registered)], CancellationToken.None);

        Assert.Equal(CarrierResultKind.Found, results["sbx2-001"].Kind);
        Assert.Equal("sandbox", tracker.Carrier);
        Assert.Equal(1, tracker.MaxBatch);
    }

    private static async Task<CarrierTrackingResult> TrackAsync(string number, DateTimeOffset now)
    {
        var tracker = new SandboxCarrierTracker(Options.Create(new SandboxOptions()), new FakeTimeProvider(now));
        IReadOnlyDictionary<string, CarrierTrackingResult> results = await tracker.TrackAsync(
            [new CarrierTrackingRequest(number, s_registered)], CancellationToken.None);
        return Assert.Single(results).Value;
    }
}
