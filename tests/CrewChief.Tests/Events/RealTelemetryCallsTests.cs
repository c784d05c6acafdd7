using CrewChief.Callouts;
using CrewChief.Events;
using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Events;

/// <summary>
/// Issue 11, the engine side: the sim's own lap times, the first crossing when LapCompleted starts at -1, no fuel
/// figure before a clean lap, the pit limiter only for cars that have one, speeding, spins, offs, hits, a car coming
/// on the rejoin, and no corner names for an unknown layout.
/// </summary>
public class RealTelemetryCallsTests
{
    private const TelemetryChannels Sim = (TelemetryChannels)0xFFFF;

    [Fact]
    public void LapTime_IsTheSimsOwnOnceItPublishesIt_WithTheDeltaToTheSimsBest()
    {
        var race = new ScriptedRace();
        race.Frame.LapBestLapTime = 59.5f;
        race.Frame.LapLastLapTime = 60.4f;
        race.RunLaps(1);
        race.Run(0.5);
        Assert.Equal(0, race.Count(EventKind.LapTime)); // the sim has not published this lap's time yet
        race.Frame.LapLastLapTime = 60.123f;
        race.Run(1);
        var e = race.Single(EventKind.LapTime);
        Assert.Equal(60.123, e.Facts.GetOrDefault(FactKey.LapTime), 3);
        Assert.Equal(59.5, e.Facts.GetOrDefault(FactKey.BestLapTime), 3);
        Assert.Equal(0.623, e.Facts.GetOrDefault(FactKey.DeltaToBest), 3);
        Assert.Equal(Priority.Low, e.Priority);
        Assert.Equal(0, race.Count(EventKind.PersonalBest));
    }

    [Fact]
    public void NoSimTimeForTheLap_NoLapTimeCall()
    {
        var race = new ScriptedRace();
        race.Frame.LapBestLapTime = 59.5f;
        race.Frame.LapLastLapTime = 60.4f;
        race.RunLaps(1);
        race.Frame.LapLastLapTime = -1; // an out-lap: the sim times nothing
        race.Run(8);
        Assert.Equal(0, race.Count(EventKind.LapTime));
    }

    [Fact]
    public void PersonalBest_OnlyWhenTheSimsBestDrops_NeverFromTheLapsTimedHere()
    {
        var race = new ScriptedRace();
        race.Frame.LapBestLapTime = 58.0f; // set before we were listening
        race.Frame.LapLastLapTime = 61f;
        race.RunLaps(3);
        race.LapTime = 59; // quicker than any lap timed here, slower than the sim's best
        race.RunLaps(1);
        race.Frame.LapLastLapTime = 59.01f;
        race.Run(3);
        Assert.True(0 == race.Count(EventKind.PersonalBest), string.Join(" | ", race.Events.Select(e => $"{e.SessionTime:0.0} {e.Kind} {e.Facts.GetOrDefault(FactKey.LapTime)}")));
        race.RunLaps(1);
        race.Frame.LapLastLapTime = 57.9f;
        race.Frame.LapBestLapTime = 57.9f;
        race.Run(6); // the pace-trend call at the line holds the global cooldown for 4 s

        var pb = Assert.Single(race.Events, e => e.Kind == EventKind.PersonalBest);
        Assert.Equal(57.9, pb.Facts.GetOrDefault(FactKey.LapTime), 3);
        Assert.Equal(57.9, race.Brain.Snapshot.BestLap, 3);
    }

    [Fact]
    public void LapCompletedMinusOne_TheFirstCrossingStartsAWholeLap_AndFuelGetsIt()
    {
        // Behind the line at the start: the sim says -1 laps completed until the car first crosses it.
        var race = new ScriptedRace(startProgress: -0.1);
        race.Frame.LapLastLapTime = -1;
        race.Run(1);
        var strategy = race.Brain.Strategy;
        Assert.Equal(-1, race.Frame.LapCompleted);
        Assert.Equal(0, strategy.Laps.LapsCompleted);
        race.RunTo(0.05);
        Assert.Equal(0, strategy.Laps.LapsCompleted);
        Assert.Equal(0, strategy.Fuel.CleanLaps);
        race.RunLaps(1);
        Assert.Equal(1, strategy.Laps.LapsCompleted);
        Assert.Equal(1, strategy.Fuel.CleanLaps);
        Assert.Equal(2.0, strategy.Fuel.PerLap, 1);
    }

    [Fact]
    public void Fuel_BeforeTheFirstCleanLap_HasNoFigure_EvenWithFuelUsePerHour()
    {
        var race = new ScriptedRace(startProgress: 0.3);
        race.Frame.FuelUsePerHour = 1.2f; // crawling in the pit lane
        race.Run(5);
        Assert.False(race.Brain.Snapshot.Fuel.IsKnown);
        Assert.True(double.IsNaN(race.Brain.Snapshot.Fuel.LapsOfFuel));
        foreach (var e in race.Events) Assert.False(e.Facts.Contains(FactKey.FuelLapsLeft), e.Kind.ToString());
    }

    [Fact]
    public void Limiter_NoCallForACarWithoutOne_NorWithoutAKnownLimit()
    {
        var noLimiter = new ScriptedRace();
        noLimiter.Info!.PitSpeedLimitKph = 60;
        noLimiter.PitStop(limiter: false);
        Assert.Equal(0, noLimiter.Count(EventKind.PitLimiterMissing));

        var noLimit = new ScriptedRace(channels: Sim | TelemetryChannels.PitLimiterControl);
        noLimit.PitStop(limiter: false);
        Assert.Equal(0, noLimit.Count(EventKind.PitLimiterMissing));
    }

    [Fact]
    public void Limiter_OffNearTheLimit_OncePerVisit_SpeedingOnlyForACarWithoutOne()
    {
        var race = new ScriptedRace(channels: Sim | TelemetryChannels.PitLimiterControl);
        race.Info!.PitSpeedLimitKph = 60; // the lane runs at 72 km/h
        race.PitStop(laneSeconds: 12, limiter: false);
        var limiter = race.Single(EventKind.PitLimiterMissing);
        Assert.Equal(60 / 3.6, limiter.Facts.GetOrDefault(FactKey.PitSpeedLimit), 2);
        // Over the limit with the limiter off: the limiter call says it; "slow down" only once the call is ignored.
        var ignored = race.Single(EventKind.PitSpeeding);
        Assert.True(ignored.SessionTime - limiter.SessionTime >= 2 - 1e-6);

        // A car without a limiter over the limit: the speeding call.
        var noLimiter = new ScriptedRace();
        noLimiter.Info!.PitSpeedLimitKph = 60;
        noLimiter.PitStop(laneSeconds: 12, limiter: false);
        var speeding = noLimiter.Single(EventKind.PitSpeeding);
        Assert.Equal(Priority.Critical, speeding.Priority);
        Assert.True(speeding.Facts.GetOrDefault(FactKey.Speed) > 60 / 3.6);
        Assert.Equal(0, noLimiter.Count(EventKind.PitLimiterMissing));

        var slow = new ScriptedRace(channels: Sim | TelemetryChannels.PitLimiterControl);
        slow.Info!.PitSpeedLimitKph = 100; // crawling at 72 km/h against 100: nothing to say
        slow.PitStop(limiter: false);
        Assert.Equal(0, slow.Count(EventKind.PitLimiterMissing));
        Assert.Equal(0, slow.Count(EventKind.PitSpeeding));
    }

    [Theory]
    [InlineData(1, EventKind.OffTrack)]
    [InlineData(2, EventKind.Spin)]
    [InlineData(4, EventKind.Contact)]
    public void IncidentPoints_SayWhatHappened_AtOnce(int points, EventKind expected)
    {
        var race = new ScriptedRace();
        race.Frame.PlayerCarMyIncidentCount = 3;
        race.Run(2);
        race.Frame.PlayerCarMyIncidentCount = 3 + points;
        race.Tick();
        var e = race.Single(expected);
        Assert.Equal(Priority.Critical, e.Priority);
        Assert.Equal(3 + points, e.Facts.GetOrDefault(FactKey.Incidents));
        Assert.Equal(points, e.Facts.GetOrDefault(FactKey.IncidentsAdded));
    }

    [Fact]
    public void Sideslip_IsASpin_AndAHardHitIsContact_OneCallPerMoment()
    {
        var race = new ScriptedRace(channels: Sim | TelemetryChannels.Velocities);
        race.Run(1, r => { r.Frame.VelocityX = r.Frame.Speed; r.Frame.VelocityY = 0; });
        Assert.Equal(0, race.Count(EventKind.Spin));
        // Sliding at 40° for half a second: one spin call, not one per tick.
        race.Run(0.5, r => { r.Frame.VelocityX = r.Frame.Speed * 0.77f; r.Frame.VelocityY = r.Frame.Speed * 0.64f; });
        Assert.Single(race.Of(EventKind.Spin));
        // Into the wall (lateral load far beyond any tyre's): a worse moment is its own call.
        race.CorneringAccel = 400;
        race.Run(2, r => { r.Frame.VelocityX = r.Frame.Speed; r.Frame.VelocityY = 0; });
        Assert.Single(race.Of(EventKind.Contact));
    }

    [Fact]
    public void OffTheTrackSurface_IsAnOffTrackCall()
    {
        var race = new ScriptedRace();
        race.Run(1);
        race.Frame.PlayerTrackSurface = TrackSurface.OffTrack;
        race.Run(0.5);
        Assert.Single(race.Of(EventKind.OffTrack));
    }

    [Fact]
    public void AfterASpin_ACarCloseBehindOnTheRejoin_IsCarComing()
    {
        var race = new ScriptedRace(channels: Sim | TelemetryChannels.Velocities);
        race.AddCar(5, lapsAhead: -0.05, lapTime: 60); // 150 m behind on a 3 km lap
        race.Run(1);
        race.Frame.PlayerCarMyIncidentCount = 2;
        race.SpeedFactor = 0.1;
        race.Run(0.5);
        Assert.Single(race.Of(EventKind.Spin));
        var warning = race.Single(EventKind.CarComing);
        Assert.Equal(5, warning.Facts.GetOrDefault(FactKey.CarIdx));
        Assert.Equal(Priority.Critical, warning.Priority);
    }

    [Fact]
    public void UnknownLayout_NamesNoCorners_NeverAnotherLayoutsOfTheSameTrack()
    {
        // Watkins Glen's "Boot": the catalog knows the full course and the classic, not the boot.
        Assert.False(TrackCatalog.Default.TryFind("watkinsglen fullcourse", "Watkins Glen", "Boot", out _));
        var session = new SessionInfo { TrackName = "watkinsglen fullcourse", TrackDisplayName = "Watkins Glen", TrackConfigName = "Boot" };
        Assert.Null(TrackCatalog.NextCorner(CalloutContext.FromSession(session).Track, 0.3));
        // A named layout the catalog has is still found.
        Assert.True(TrackCatalog.Default.TryFind("indianapolis 2022 road", "Indianapolis Motor Speedway", "Road Course", out var indy));
        Assert.Equal("indianapolis 2022 road", indy.Id);
        Assert.True(TrackCatalog.Default.TryFind("spielberg gp", "Red Bull Ring", "Grand Prix", out var rbr));
        Assert.Equal("redbullring gp", rbr.Id);
    }

    [Fact]
    public void PitSpeedLimit_IsReadFromTheYaml_InKmh()
    {
        Assert.Equal(80.0, SessionInfoParser.SpeedKph("80.00 kph"), 3);
        Assert.Equal(80.467, SessionInfoParser.SpeedKph("50.00 mph"), 2);
        Assert.Equal(0, SessionInfoParser.SpeedKph(""));
    }
}
