using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Events;

public class FlagEventsTests
{
    [Fact]
    public void Yellow_IsCalledOnItsRisingEdge_Once()
    {
        var race = new ScriptedRace();
        race.Run(1);
        Assert.Equal(0, race.Count(EventKind.YellowFlag));
        race.Frame.SessionFlags |= SessionFlags.Yellow;
        race.Run(20);
        var e = race.Single(EventKind.YellowFlag);
        Assert.Equal(Priority.High, e.Priority);
    }

    [Fact]
    public void Yellow_AgainWithinItsCooldown_WaitsForTheCooldown()
    {
        var race = new ScriptedRace();
        race.Frame.SessionFlags |= SessionFlags.Yellow;
        race.Run(1);
        race.Frame.SessionFlags &= ~SessionFlags.Yellow;
        race.Run(1);
        race.Frame.SessionFlags |= SessionFlags.YellowWaving;
        race.Run(5);
        Assert.Equal(1, race.Count(EventKind.YellowFlag)); // 10 s cooldown
        race.Run(5);
        var calls = race.Of(EventKind.YellowFlag);
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].SessionTime - calls[0].SessionTime >= 10 - 1e-6);
    }

    [Fact]
    public void Green_OnlyAfterAYellow()
    {
        var race = new ScriptedRace();
        race.Frame.SessionFlags = SessionFlags.None;
        race.Run(1);
        race.Frame.SessionFlags = SessionFlags.Green;
        race.Run(1);
        Assert.Equal(0, race.Count(EventKind.GreenFlag));
        race.Frame.SessionFlags = SessionFlags.Caution;
        race.Run(12);
        race.Frame.SessionFlags = SessionFlags.Green;
        race.Run(1);
        Assert.Equal(1, race.Count(EventKind.GreenFlag));
    }

    [Fact]
    public void Blue_And_Black_AreCalled_BlackAsCritical()
    {
        var race = new ScriptedRace();
        race.Run(1);
        race.Frame.SessionFlags |= SessionFlags.Blue;
        race.Tick();
        race.Frame.SessionFlags |= SessionFlags.Black;
        race.Tick();
        Assert.Equal(1, race.Count(EventKind.BlueFlag));
        Assert.Equal(Priority.Critical, race.Single(EventKind.BlackFlag).Priority); // right after the blue: bypasses the global cooldown
    }

    [Fact]
    public void NoSessionFlagsChannel_NoFlagCalls()
    {
        var race = new ScriptedRace(channels: (TelemetryChannels)0xFFFF & ~TelemetryChannels.SessionFlags);
        race.Frame.SessionFlags = SessionFlags.Yellow | SessionFlags.Black | SessionFlags.Blue;
        race.Run(2);
        Assert.Empty(race.Events);
    }

    [Fact]
    public void Incidents_AreCalledOnceTheStepHasAccumulatedAndSettled()
    {
        var race = new ScriptedRace();
        race.Run(1);
        race.Frame.PlayerCarMyIncidentCount = 1;
        race.Run(5);
        Assert.Equal(0, race.Count(EventKind.IncidentsRising)); // 1x alone is not worth a call
        race.Frame.PlayerCarMyIncidentCount = 5;
        race.Run(2);
        Assert.Equal(0, race.Count(EventKind.IncidentsRising)); // still settling (2x then 4x come in bursts)
        // The +4 is said at once ("Contact", critical), which holds routine calls for the global cooldown (4 s).
        race.Run(2.5);
        var e = race.Single(EventKind.IncidentsRising);
        Assert.Equal(5, e.Facts.GetOrDefault(FactKey.Incidents));
        Assert.Equal(5, e.Facts.GetOrDefault(FactKey.IncidentsAdded));
        Assert.Equal(17, e.Facts.GetOrDefault(FactKey.IncidentLimit));
        Assert.Equal(Priority.High, e.Priority);
    }

    [Fact]
    public void Incidents_NearTheLimit_AreCritical()
    {
        var race = new ScriptedRace();
        race.Run(1);
        race.Frame.PlayerCarMyIncidentCount = 13;
        race.Run(4);
        Assert.Equal(Priority.Critical, race.Single(EventKind.IncidentsRising).Priority);
    }

    [Fact]
    public void Incidents_FirstSeenAlreadyHigh_AreSaidOnceAsACount_NeverAsPointsJustNow()
    {
        // The engine starts (or the count becomes readable) mid-session at 9x: two reporting steps or more.
        var race = new ScriptedRace(channels: (TelemetryChannels)0xFFFF & ~TelemetryChannels.Incidents);
        race.Run(2);
        race.Frame.Available |= TelemetryChannels.Incidents;
        race.Frame.PlayerCarMyIncidentCount = 9;
        race.Run(5);
        var e = race.Single(EventKind.IncidentsRising);
        Assert.Equal(9, e.Facts.GetOrDefault(FactKey.Incidents));
        Assert.True(double.IsNaN(e.Facts.GetOrDefault(FactKey.IncidentsAdded))); // when they came is unknown
        Assert.Equal(0, race.Count(EventKind.Contact));                          // no moment is made up from it
        race.Run(60);
        Assert.Equal(1, race.Count(EventKind.IncidentsRising));
    }

    [Fact]
    public void Incidents_FirstSeenLow_AreOldNews()
    {
        var race = new ScriptedRace(channels: (TelemetryChannels)0xFFFF & ~TelemetryChannels.Incidents);
        race.Run(2);
        race.Frame.Available |= TelemetryChannels.Incidents;
        race.Frame.PlayerCarMyIncidentCount = 5;
        race.Run(10);
        Assert.Equal(0, race.Count(EventKind.IncidentsRising));
    }
}
