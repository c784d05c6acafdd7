using System.Diagnostics;
using System.Globalization;
using CrewChief.Events;
using CrewChief.Pipeline;
using CrewChief.Radio;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Radio;

public class RadioEngineTests
{
    [Fact]
    public void Director_DontTalkInTheCorners_HoldsRoutineUntilAStraight()
    {
        using var rig = new RadioDirectorRig();
        var radio = rig.Radio;
        radio.Apply(RadioIntent.NoTalkInCorners);
        radio.SetOnStraight(false);
        rig.Router.Post(new RaceEvent(EventKind.GapClear, Priority.Medium, 1, Stopwatch.GetTimestamp(), 30, default));
        rig.Router.Post(new RaceEvent(EventKind.SpotterCarRight, Priority.Spotter, 1, Stopwatch.GetTimestamp(), 30, default));
        Assert.True(rig.Director.WaitIdle(TimeSpan.FromSeconds(10)));
        Assert.Single(rig.TranscriptLines);
        Assert.Equal(1, radio.HeldCount);

        // The tick works the straight out from the speed trace (none learned yet: anywhere counts) and posts it again.
        rig.Tick();
        Assert.True(rig.Director.WaitIdle(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, rig.TranscriptLines.Length);
    }

    [Fact]
    public void HeldCallout_ThatExpires_IsNeverSpoken()
    {
        var router = new EventRouter();
        var radio = new DriverRadio();
        radio.SetTalking(true);
        long longAgo = Stopwatch.GetTimestamp() - 10 * Stopwatch.Frequency;
        radio.Hold(new RaceEvent(EventKind.GapClear, Priority.Medium, 1, longAgo, 1, default));
        radio.SetTalking(false);
        radio.OnTick(new TelemetryFrame(), null, new RaceBrain(), router, Stopwatch.GetTimestamp());
        Assert.Equal(0, radio.HeldCount);
        Assert.False(router.HasPending);
    }

    [Fact]
    public void DemoState_FuelAnswer_SaysTheStatesFuel()
    {
        var (state, ctx) = RadioStateProbe.FromDemo(200);
        Assert.True(state.InWorld);
        Assert.True(state.Strategy.FuelLevel > 0);
        var answer = new RadioAnswerer().Answer(RadioIntent.Fuel, state, ctx);
        Assert.Contains(state.Strategy.FuelLevel.ToString("0.0", CultureInfo.InvariantCulture) + " L", answer.Text);
        var position = new RadioAnswerer().Answer(RadioIntent.Position, state, ctx);
        Assert.Contains("P" + state.Strategy.ClassPosition.ToString(CultureInfo.InvariantCulture), position.Text);
    }
}
