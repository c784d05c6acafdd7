using System.Text;
using System.Text.Json;
using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Events;

public class BrainContractTests
{
    [Fact]
    public void Json_WritesTimeKindPriorityAndCamelCaseFacts()
    {
        var facts = new FactSet();
        facts.Set(FactKey.FuelLapsLeft, 2.5);
        facts.Set(FactKey.CarIdx, 12);
        facts.Set(FactKey.GapAhead, double.NaN);
        var e = new RaceEvent(EventKind.FuelWarning, Priority.High, 123.4567, 99, 30, facts);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, RaceEventJson.LineOptions)) RaceEventJson.Write(writer, e);
        string json = Encoding.UTF8.GetString(stream.ToArray());
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(123.457, root.GetProperty("t").GetDouble());
        Assert.Equal("FuelWarning", root.GetProperty("kind").GetString());
        Assert.Equal("High", root.GetProperty("priority").GetString());
        Assert.Equal(30, root.GetProperty("ttl").GetDouble());
        var f = root.GetProperty("facts");
        Assert.Equal(2.5, f.GetProperty("fuelLapsLeft").GetDouble());
        Assert.Equal(12, f.GetProperty("carIdx").GetInt32());
        Assert.Equal(JsonValueKind.Null, f.GetProperty("gapAhead").ValueKind);
        Assert.Equal("fuelToAdd", RaceEventJson.FactName(FactKey.FuelToAdd));
    }

    [Theory]
    [InlineData(nameof(BrainOptions.FuelReserveLitres))]
    [InlineData(nameof(BrainOptions.GlobalCooldownSeconds))]
    [InlineData(nameof(BrainOptions.PitEntryPct))]
    [InlineData(nameof(BrainOptions.TyreWearWarningPct))]
    [InlineData(nameof(BrainOptions.SpotterClearDelaySeconds))]
    [InlineData(nameof(BrainOptions.LapsToGoCalls))]
    public void Options_OutOfRange_AreRejectedAtConstruction_NamingTheSetting(string name)
    {
        var bad = name switch
        {
            nameof(BrainOptions.FuelReserveLitres) => new BrainOptions { FuelReserveLitres = -1 },
            nameof(BrainOptions.GlobalCooldownSeconds) => new BrainOptions { GlobalCooldownSeconds = double.NaN },
            nameof(BrainOptions.PitEntryPct) => new BrainOptions { PitEntryPct = 1.5 },
            nameof(BrainOptions.TyreWearWarningPct) => new BrainOptions { TyreWearWarningPct = 90, TyreWearCriticalPct = 80 },
            nameof(BrainOptions.SpotterClearDelaySeconds) => new BrainOptions { SpotterClearDelaySeconds = 5 },
            _ => new BrainOptions { LapsToGoCalls = [1] },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RaceBrain(bad));
        Assert.Equal(name, ex.ParamName);
        Assert.Contains("BrainOptions." + name, ex.Message);
    }

    [Fact]
    public void MinimalChannels_AndNoSessionInfo_DegradeWithoutCrashing()
    {
        // What a header-ver-1 .ibt gives: no flags, no surface, no LapCompleted, no CarIdx, no spotter.
        var race = new ScriptedRace(channels: TelemetryChannels.LapTimes | TelemetryChannels.TyreTemps | TelemetryChannels.TyreWear, withInfo: false, fuel: 43);
        race.Frame.SessionState = SessionState.Invalid;
        race.RunLaps(4);
        var snap = race.Brain.Snapshot;
        Assert.True(snap.InWorld);
        Assert.InRange(snap.FuelPerLap, 1.98, 2.02);
        Assert.Equal(6, snap.Lap); // started on lap 2
        Assert.Equal(-1, snap.CarAheadIdx);
        Assert.True(double.IsNaN(snap.GapAhead));
        Assert.True(double.IsNaN(snap.LapsRemaining));
    }

    [Fact]
    public void Placeholders_AtStartAndAfterATow_NeverFakeARefuelOrALap()
    {
        var race = new ScriptedRace(fuel: 40);
        race.RunLaps(3);
        double perLap = race.Brain.Snapshot.FuelPerLap;
        // Tow: the sim shows placeholder records (not in world, fuel full), then the car reappears in the pits.
        race.Frame.PlayerTrackSurface = TrackSurface.NotInWorld;
        float fuelBefore = race.Frame.FuelLevel;
        race.Frame.FuelLevel = 60;
        race.Run(1);
        Assert.False(race.Brain.Snapshot.InWorld);
        race.Frame.PlayerTrackSurface = TrackSurface.OnTrack;
        race.Frame.FuelLevel = fuelBefore;
        race.RunLaps(1);
        Assert.Equal(perLap, race.Brain.Snapshot.FuelPerLap, 3);
        Assert.DoesNotContain(race.Events, e => e.Kind is EventKind.PitEntry or EventKind.PitExit);
    }

    [Fact]
    public void TowIntoThePitStall_IsNoPitEntry()
    {
        var race = new ScriptedRace(fuel: 40);
        race.RunLaps(2);
        race.Frame.PlayerTrackSurface = TrackSurface.NotInWorld;
        race.Run(1);
        race.Frame.PlayerTrackSurface = TrackSurface.InPitStall;
        race.Frame.OnPitRoad = true;
        race.Run(3);
        Assert.Equal(0, race.Count(EventKind.PitEntry));
        Assert.False(race.Brain.Strategy.PitCall.HasPitEntry);
    }

    [Fact]
    public void Snapshot_CarriesTheStrategyState()
    {
        var race = new ScriptedRace(new BrainOptions { PitEntryPct = 0.95 }, totalLaps: 30, fuel: 40);
        race.AddCar(1, 0.05, 60);
        race.AddCar(2, -0.05, 60);
        race.RunLaps(3);
        var s = race.Brain.Snapshot;
        Assert.Equal(2, s.ClassPosition);
        Assert.Equal(1, s.CarAheadIdx);
        Assert.InRange(s.GapAhead, 2.9, 3.1);
        Assert.Equal(2, s.CarBehindIdx);
        Assert.InRange(s.GapBehind, 2.9, 3.1);
        Assert.InRange(s.AverageLap, 59.9, 60.1);
        Assert.Equal(1, s.Fuel.StopsNeeded);
        Assert.True(s.Fuel.WindowOpenLap > 0);
        Assert.True(s.Rejoin.IsKnown);
        Assert.True(s.TyreConfidence is > 0 and <= 1);
        Assert.InRange(s.LeftFront.TempC, 40, 130);
        Assert.True(s.SecondsToCallPoint > 0 || s.PitCall == CrewChief.Strategy.PitCallState.LockedOut);
    }
}
