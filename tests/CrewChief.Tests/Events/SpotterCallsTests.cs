using System.Diagnostics;
using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Events;

public class SpotterCallsTests
{
    private static ScriptedRace Race() => new(new BrainOptions { SpotterClearDelaySeconds = 0.15, SpotterRepeatSeconds = 3 });

    [Theory]
    [InlineData(CarLeftRight.CarLeft, EventKind.SpotterCarLeft, 1, 0)]
    [InlineData(CarLeftRight.CarRight, EventKind.SpotterCarRight, 0, 1)]
    [InlineData(CarLeftRight.CarLeftRight, EventKind.SpotterThreeWide, 1, 1)]
    [InlineData(CarLeftRight.TwoCarsLeft, EventKind.SpotterTwoCarsLeft, 2, 0)]
    [InlineData(CarLeftRight.TwoCarsRight, EventKind.SpotterTwoCarsRight, 0, 2)]
    public void Overlap_IsCalledOnTheSameTick_WithSpotterPriorityAndOneSecondLife(CarLeftRight state, EventKind kind, int left, int right)
    {
        var race = Race();
        race.Run(1);
        race.Frame.CarLeftRight = CarLeftRight.Clear;
        race.Run(0.5);
        Assert.Empty(race.Events);
        race.Frame.CarLeftRight = state;
        var raised = race.Tick();
        var e = Assert.Single(raised.ToArray());
        Assert.Equal(kind, e.Kind);
        Assert.Equal(Priority.Spotter, e.Priority);
        Assert.Equal(1f, e.TimeToLive);
        Assert.Equal(left, e.Facts.GetOrDefault(FactKey.CarsLeft));
        Assert.Equal(right, e.Facts.GetOrDefault(FactKey.CarsRight));
        Assert.False(e.IsExpired(e.RaisedAt + Stopwatch.Frequency / 2));
        Assert.True(e.IsExpired(e.RaisedAt + Stopwatch.Frequency * 11 / 10));
    }

    [Fact]
    public void Clear_WaitsForTheDelay_ThenLivesTwoSeconds()
    {
        var race = Race();
        race.Frame.CarLeftRight = CarLeftRight.CarRight;
        race.Run(1);
        race.Clear();
        race.Frame.CarLeftRight = CarLeftRight.Clear;
        race.Run(0.1);
        Assert.Equal(0, race.Count(EventKind.SpotterClear));
        race.Run(0.1);
        var clear = race.Single(EventKind.SpotterClear);
        Assert.Equal(2f, clear.TimeToLive);
        race.Run(5);
        Assert.Single(race.Events);
    }

    [Fact]
    public void Flicker_ShorterThanTheClearDelay_SaysNothing()
    {
        var race = Race();
        race.Frame.CarLeftRight = CarLeftRight.CarLeft;
        race.Run(0.5);
        race.Clear();
        race.Frame.CarLeftRight = CarLeftRight.Clear;
        race.Run(0.1);
        race.Frame.CarLeftRight = CarLeftRight.CarLeft;
        race.Run(0.5);
        Assert.Empty(race.Events);
    }

    [Fact]
    public void ContinuingOverlap_IsRepeatedAsStillThere_OnTheInterval()
    {
        var race = Race();
        race.Frame.CarLeftRight = CarLeftRight.CarLeft;
        race.Run(2.9);
        Assert.Equal(0, race.Count(EventKind.SpotterStillThere));
        race.Run(0.2);
        Assert.Equal(1, race.Count(EventKind.SpotterStillThere));
        race.Run(3);
        Assert.Equal(2, race.Count(EventKind.SpotterStillThere));
        Assert.Equal(1, race.Count(EventKind.SpotterCarLeft));
    }

    [Fact]
    public void ChangeOfOverlap_IsANewCall_AndBypassesTheGlobalCooldown()
    {
        var race = new ScriptedRace(new BrainOptions { GlobalCooldownSeconds = 30 });
        race.Frame.SessionFlags |= SessionFlags.Yellow; // a routine call starts the global cooldown
        race.Run(0.5);
        Assert.Equal(1, race.Count(EventKind.YellowFlag));
        race.Frame.CarLeftRight = CarLeftRight.CarLeft;
        race.Tick();
        race.Frame.CarLeftRight = CarLeftRight.CarLeftRight;
        race.Tick();
        Assert.Equal(1, race.Count(EventKind.SpotterCarLeft));
        Assert.Equal(1, race.Count(EventKind.SpotterThreeWide));
    }

    [Fact]
    public void NoCarLeftRightChannel_NoSpotter()
    {
        var race = new ScriptedRace(channels: (TelemetryChannels)0xFFFF & ~TelemetryChannels.CarLeftRight);
        race.Frame.CarLeftRight = CarLeftRight.CarLeft;
        race.Run(4);
        Assert.DoesNotContain(race.Events, e => EventCatalog.IsSpotter(e.Kind));
    }

    [Fact]
    public void OnPitRoad_SpotterStaysQuiet()
    {
        var race = Race();
        race.Frame.OnPitRoad = true;
        race.Frame.CarLeftRight = CarLeftRight.CarLeft;
        race.Run(1);
        Assert.DoesNotContain(race.Events, e => EventCatalog.IsSpotter(e.Kind));
    }
}
