using System.Diagnostics;
using CrewChief.Events;

namespace CrewChief.Tests.Events;

public class EventEmitterTests
{
    public static TheoryData<EventKind> AllKinds()
    {
        var data = new TheoryData<EventKind>();
        foreach (var k in Enum.GetValues<EventKind>()) if (k != EventKind.None) data.Add(k);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void EveryKind_HasASpec_RespectsItsCooldown_AndExpiresAfterItsLife(EventKind kind)
    {
        var spec = EventCatalog.Spec(kind);
        Assert.True(spec.TimeToLiveSeconds > 0);
        Assert.Equal(EventCatalog.IsSpotter(kind), spec.Priority == Priority.Spotter);

        var emit = new EventEmitter(new BrainOptions { GlobalCooldownSeconds = 0 });
        long ts = 1000 * Stopwatch.Frequency;
        emit.BeginTick(1000, ts, Verbosity.Full);
        var facts = new FactSet();
        Assert.True(emit.TryRaise(kind, in facts));
        var e = emit.Raised[0];
        Assert.Equal(spec.Priority, e.Priority);
        Assert.False(e.IsExpired(ts + (long)(spec.TimeToLiveSeconds * 0.9 * Stopwatch.Frequency)));
        Assert.True(e.IsExpired(ts + (long)(spec.TimeToLiveSeconds * 1.1 * Stopwatch.Frequency)));

        if (spec.CooldownSeconds > 0)
        {
            emit.BeginTick(1000 + spec.CooldownSeconds * 0.9, ts, Verbosity.Full);
            Assert.False(emit.TryRaise(kind, in facts));
        }
        emit.BeginTick(1000 + spec.CooldownSeconds + 0.01, ts, Verbosity.Full);
        Assert.True(emit.TryRaise(kind, in facts));
    }

    [Fact]
    public void AtTenTimesSpeed_ACalloutLivesATenthAsLongOnTheWallClock()
    {
        // A replay at 10x: the callout's worth is race time, so 30 race seconds of life are 3 s of wall clock.
        var spec = EventCatalog.Spec(EventKind.GapClosing);
        var emit = new EventEmitter(new BrainOptions { GlobalCooldownSeconds = 0, SimSpeed = 10 });
        long ts = 1000 * Stopwatch.Frequency;
        emit.BeginTick(1000, ts, Verbosity.Full);
        var facts = new FactSet();
        Assert.True(emit.TryRaise(EventKind.GapClosing, in facts));
        var e = emit.Raised[0];
        Assert.False(e.IsExpired(ts + (long)(spec.TimeToLiveSeconds / 10 * 0.9 * Stopwatch.Frequency)));
        Assert.True(e.IsExpired(ts + (long)(spec.TimeToLiveSeconds / 10 * 1.1 * Stopwatch.Frequency)));
    }

    [Fact]
    public void GlobalCooldown_HoldsRoutineCalls_CriticalAndSpotterBypassIt()
    {
        var emit = new EventEmitter(new BrainOptions { GlobalCooldownSeconds = 4 });
        var facts = new FactSet();
        emit.BeginTick(10, 0, Verbosity.Full);
        Assert.True(emit.TryRaise(EventKind.PositionGained, in facts));
        Assert.False(emit.TryRaise(EventKind.Halfway, in facts));
        Assert.False(emit.TryRaise(EventKind.YellowFlag, in facts));       // high is still routine
        Assert.True(emit.TryRaise(EventKind.FuelCritical, in facts));      // critical
        Assert.True(emit.TryRaise(EventKind.SpotterCarLeft, in facts));    // spotter
        emit.BeginTick(13.9, 0, Verbosity.Full);
        Assert.False(emit.TryRaise(EventKind.Halfway, in facts));
        emit.BeginTick(14.1, 0, Verbosity.Full);
        Assert.True(emit.TryRaise(EventKind.Halfway, in facts));
    }

    [Fact]
    public void Verbosity_FiltersByPriority_NeverCriticalOrSpotter()
    {
        var emit = new EventEmitter(new BrainOptions { GlobalCooldownSeconds = 0 });
        var facts = new FactSet();
        emit.BeginTick(10, 0, Verbosity.Low);
        Assert.False(emit.TryRaise(EventKind.GapClear, in facts));         // low
        Assert.False(emit.TryRaise(EventKind.PositionGained, in facts));   // medium
        Assert.True(emit.TryRaise(EventKind.YellowFlag, in facts));        // high
        Assert.True(emit.TryRaise(EventKind.BoxThisLap, in facts));        // critical
        Assert.True(emit.TryRaise(EventKind.SpotterClear, in facts));
        emit.BeginTick(11, 0, Verbosity.Medium);
        Assert.False(emit.TryRaise(EventKind.GapClear, in facts));
        Assert.True(emit.TryRaise(EventKind.PositionGained, in facts));
    }

    [Fact]
    public void CooldownOverridesAndScale_ReplaceTheDefaults()
    {
        var emit = new EventEmitter(new BrainOptions
        {
            CooldownScale = 0.5,
            CooldownOverrides = new Dictionary<EventKind, double> { [EventKind.YellowFlag] = 100 },
        });
        Assert.Equal(100, emit.CooldownOf(EventKind.YellowFlag));
        Assert.Equal(EventCatalog.Spec(EventKind.GapClosing).CooldownSeconds * 0.5, emit.CooldownOf(EventKind.GapClosing), 6);
    }

    [Fact]
    public void AutoVerbosity_IsOneStepLowerOnLapOneAndInCloseBattles()
    {
        var lapOne = new ScriptedRace(startProgress: 0.001);
        lapOne.Run(1);
        Assert.Equal(Verbosity.Medium, lapOne.Brain.EffectiveVerbosity);
        lapOne.RunLaps(1);
        Assert.Equal(Verbosity.Full, lapOne.Brain.EffectiveVerbosity);

        var battle = new ScriptedRace();
        battle.AddCar(1, lapsAhead: 0.01, lapTime: 60);
        battle.Run(1);
        Assert.Equal(Verbosity.Medium, battle.Brain.EffectiveVerbosity);

        var fixedLevel = new ScriptedRace(new BrainOptions { AutoLowerVerbosity = false }, startProgress: 0.001);
        fixedLevel.Run(1);
        Assert.Equal(Verbosity.Full, fixedLevel.Brain.EffectiveVerbosity);
    }

    [Fact]
    public void AutoVerbosity_OnPitRoad_IsNoBattle_SoPitEntryIsSaid()
    {
        // A car half a second behind all race: verbosity is lowered on track, but not in the pit lane, where the
        // low-priority pit-entry call must still be heard (found on the demo race, where it was always muted).
        var race = new ScriptedRace();
        race.AddCar(1, lapsAhead: -0.0083, lapTime: 60);
        race.RunLaps(1);
        Assert.Equal(Verbosity.Medium, race.Brain.EffectiveVerbosity);
        race.PitStop(laneSeconds: 20, stationarySeconds: 20);
        Assert.Equal(1, race.Count(EventKind.PitEntry));
    }

    [Fact]
    public void BufferFull_RefusesRatherThanGrowing()
    {
        var emit = new EventEmitter(new BrainOptions { GlobalCooldownSeconds = 0 });
        var facts = new FactSet();
        emit.BeginTick(1, 0, Verbosity.Full);
        int accepted = 0;
        foreach (var k in Enum.GetValues<EventKind>()) if (k != EventKind.None && emit.TryRaise(k, in facts)) accepted++;
        Assert.Equal(EventEmitter.MaxPerTick, accepted);
        Assert.Equal(EventEmitter.MaxPerTick, emit.Raised.Length);
    }
}
