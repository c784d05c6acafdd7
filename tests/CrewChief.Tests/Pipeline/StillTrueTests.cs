using System.Diagnostics;
using CrewChief.Events;
using CrewChief.Pipeline;

namespace CrewChief.Tests.Pipeline;

public sealed class StillTrueTests
{
    private static RaceEvent Event(EventKind kind, params (FactKey Key, double Value)[] facts)
    {
        var set = new FactSet();
        foreach (var (key, value) in facts) set.Set(key, value);
        return new RaceEvent(kind, EventCatalog.Spec(kind).Priority, 100, Stopwatch.GetTimestamp(), 10, set);
    }

    private static PlayerState Now(int position = 5, int ahead = 3, double gapAhead = 0.8, int behind = 7, double gapBehind = 1.5,
        bool onPitRoad = false, ulong carsInPits = 0) =>
        new(102, position, 0.5f, onPitRoad, ahead, gapAhead, behind, gapBehind, carsInPits);

    [Fact]
    public void PositionGained_ThenLostAgain_IsStale()
    {
        var e = Event(EventKind.PositionGained, (FactKey.Position, 4), (FactKey.PreviousPosition, 5), (FactKey.PositionsChanged, 1));
        Assert.Equal(StillTrueVerdict.Stale, StillTrue.Check(ref e, Now(position: 5)));
    }

    [Fact]
    public void PositionGained_AndAnotherSince_IsRecomposedWithTheNewCount()
    {
        var e = Event(EventKind.PositionGained, (FactKey.Position, 4), (FactKey.PreviousPosition, 5), (FactKey.PositionsChanged, 1));
        Assert.Equal(StillTrueVerdict.Recomposed, StillTrue.Check(ref e, Now(position: 3)));
        Assert.Equal(3, e.Facts.GetOrDefault(FactKey.Position));
        Assert.Equal(2, e.Facts.GetOrDefault(FactKey.PositionsChanged));
    }

    [Fact]
    public void PositionLost_Unchanged_Holds()
    {
        var e = Event(EventKind.PositionLost, (FactKey.Position, 6), (FactKey.PreviousPosition, 5), (FactKey.PositionsChanged, -1));
        Assert.Equal(StillTrueVerdict.Holds, StillTrue.Check(ref e, Now(position: 6)));
    }

    [Fact]
    public void Attack_CarAheadPassedSince_IsStale()
    {
        var e = Event(EventKind.Attack, (FactKey.CarIdx, 3), (FactKey.GapAhead, 0.8));
        Assert.Equal(StillTrueVerdict.Stale, StillTrue.Check(ref e, Now(ahead: 9, gapAhead: 1.1)));
    }

    [Fact]
    public void Attack_GapMoved_IsRecomposedWithTheNewGap()
    {
        var e = Event(EventKind.Attack, (FactKey.CarIdx, 3), (FactKey.GapAhead, 0.8));
        Assert.Equal(StillTrueVerdict.Recomposed, StillTrue.Check(ref e, Now(gapAhead: 0.4)));
        Assert.Equal(0.4, e.Facts.GetOrDefault(FactKey.GapAhead));
    }

    [Fact]
    public void Defend_GapOpenedPastRange_IsStale()
    {
        var e = Event(EventKind.Defend, (FactKey.CarIdx, 7), (FactKey.GapBehind, 0.5));
        Assert.Equal(StillTrueVerdict.Stale, StillTrue.Check(ref e, Now(gapBehind: 1.4)));
    }

    [Fact]
    public void GapClear_SomebodyCloseBehindNow_IsStale()
    {
        var e = Event(EventKind.GapClear, (FactKey.CarIdx, 7), (FactKey.GapBehind, 2.4));
        Assert.Equal(StillTrueVerdict.Stale, StillTrue.Check(ref e, Now(gapBehind: 0.9)));
    }

    [Fact]
    public void RivalAboutToPit_AlreadyInThePitLane_IsStale()
    {
        var e = Event(EventKind.RivalAboutToPit, (FactKey.CarIdx, 12), (FactKey.RivalPitProbability, 0.8));
        Assert.Equal(StillTrueVerdict.Stale, StillTrue.Check(ref e, Now(carsInPits: 1UL << 12)));
        var other = Event(EventKind.RivalAboutToPit, (FactKey.CarIdx, 12), (FactKey.RivalPitProbability, 0.8));
        Assert.Equal(StillTrueVerdict.Holds, StillTrue.Check(ref other, Now(carsInPits: 1UL << 11)));
    }

    [Fact]
    public void NoStateYet_EverythingHolds()
    {
        var e = Event(EventKind.PositionGained, (FactKey.Position, 4), (FactKey.PreviousPosition, 5));
        Assert.Equal(StillTrueVerdict.Holds, StillTrue.Check(ref e, PlayerState.Unknown));
    }

    [Fact]
    public void Director_PlaceGainedButLostAgainBeforeItIsSaid_IsNotSpoken()
    {
        var router = new EventRouter();
        var transcript = new StringWriter();
        var player = new LatestPlayerState();
        player.Publish(Now(position: 5));
        using var ledger = new CalloutLedger(new LatencyStats(), new DashboardState(), null, null, transcript);
        using var director = new Director(router, player, ledger, new DirectorOutputs());
        director.Start();
        router.Post(Event(EventKind.PositionGained, (FactKey.Position, 4), (FactKey.PreviousPosition, 5), (FactKey.PositionsChanged, 1)));
        router.Post(Event(EventKind.PositionLost, (FactKey.Position, 5), (FactKey.PreviousPosition, 4), (FactKey.PositionsChanged, -1)));
        Assert.True(director.WaitIdle(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, director.Handled);
        string said = transcript.ToString();
        Assert.Single(said.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("5", said.Replace("five", "5", StringComparison.OrdinalIgnoreCase));
    }
}
