using System.Diagnostics;
using CrewChief.Events;
using CrewChief.Pipeline;
using CrewChief.Radio;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Radio;

public class RadioGateTests
{
    private static RaceEvent Event(EventKind kind, Priority p, float ttl = 30) => new(kind, p, 1, Stopwatch.GetTimestamp(), ttl, default);

    [Fact]
    public void PushToTalk_HoldsRoutine_ButNotSpotterOrCritical()
    {
        var radio = new DriverRadio();
        radio.SetTalking(true);
        Assert.Equal(RadioGateDecision.Hold, radio.Admit(Event(EventKind.GapClosing, Priority.Medium)));
        Assert.Equal(RadioGateDecision.Speak, radio.Admit(Event(EventKind.SpotterCarLeft, Priority.Spotter)));
        Assert.Equal(RadioGateDecision.Speak, radio.Admit(Event(EventKind.FuelCritical, Priority.Critical)));
        radio.SetTalking(false);
        Assert.Equal(RadioGateDecision.Speak, radio.Admit(Event(EventKind.GapClosing, Priority.Medium)));
    }

    [Fact]
    public void Commands_ChangeWhatIsAdmitted()
    {
        var radio = new DriverRadio();
        radio.Apply(RadioIntent.KeepQuiet);
        Assert.Equal(RadioGateDecision.Drop, radio.Admit(Event(EventKind.GapClosing, Priority.Medium)));
        Assert.Equal(RadioGateDecision.Speak, radio.Admit(Event(EventKind.SpotterCarLeft, Priority.Spotter)));
        radio.Apply(RadioIntent.TalkToMe);
        radio.Apply(RadioIntent.SpotterOff);
        Assert.Equal(RadioGateDecision.Drop, radio.Admit(Event(EventKind.SpotterCarLeft, Priority.Spotter)));
        Assert.Equal(RadioGateDecision.Speak, radio.Admit(Event(EventKind.GapClosing, Priority.Medium)));
        radio.Apply(RadioIntent.SpotterOn);
        radio.Apply(RadioIntent.LessDetail);
        Assert.Equal(RadioGateDecision.Drop, radio.Admit(Event(EventKind.CleanAir, Priority.Low)));
        Assert.Equal(RadioGateDecision.Speak, radio.Admit(Event(EventKind.GapClosing, Priority.Medium)));
    }

    [Fact]
    public void StraightsOnly_HoldsRoutineInCorners()
    {
        var radio = new DriverRadio();
        radio.Apply(RadioIntent.NoTalkInCorners);
        radio.SetOnStraight(false);
        Assert.Equal(RadioGateDecision.Hold, radio.Admit(Event(EventKind.GapClosing, Priority.Medium)));
        radio.SetOnStraight(true);
        Assert.Equal(RadioGateDecision.Speak, radio.Admit(Event(EventKind.GapClosing, Priority.Medium)));
        radio.Apply(RadioIntent.TalkAnywhere);
        radio.SetOnStraight(false);
        Assert.Equal(RadioGateDecision.Speak, radio.Admit(Event(EventKind.GapClosing, Priority.Medium)));
    }

    [Fact]
    public void SpeedTrace_TellsCornersFromStraights()
    {
        var bins = new float[200];
        Array.Fill(bins, 60f);
        for (int i = 100; i < 110; i++) bins[i] = 25f; // a hairpin at 50-55 % of the lap
        Assert.True(DriverRadio.IsStraight(bins, 60f, 0.20f, 0f));
        Assert.False(DriverRadio.IsStraight(bins, 60f, 0.52f, 0f));
        Assert.False(DriverRadio.IsStraight(bins, 60f, 0.485f, 0f)); // the braking zone before it
        Assert.False(DriverRadio.IsStraight(bins, 60f, 0.20f, 0.8f)); // braking anywhere
        Assert.True(DriverRadio.IsStraight(bins, 0f, 0.52f, 0f)); // nothing learned: nothing held
    }

    [Fact]
    public void Director_HoldsRoutineWhileTheDriverTalks_AndSpeaksItAfter()
    {
        using var rig = new RadioDirectorRig();
        var (router, radio, director, transcript) = (rig.Router, rig.Radio, rig.Director, rig.Transcript);

        radio.SetTalking(true);
        router.Post(Event(EventKind.GapClear, Priority.Medium));
        router.Post(Event(EventKind.SpotterCarLeft, Priority.Spotter));
        Assert.True(director.WaitIdle(TimeSpan.FromSeconds(10)));
        string during = transcript.ToString();
        Assert.Contains("spotter:", during);
        Assert.Equal(1, radio.HeldCount);
        Assert.Single(rig.TranscriptLines);

        // Push-to-talk released: the next tick posts the held call again and it is spoken.
        radio.SetTalking(false);
        rig.Tick();
        Assert.Equal(0, radio.HeldCount);
        Assert.True(director.WaitIdle(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, rig.TranscriptLines.Length);
    }

    [Fact]
    public void Director_KeepQuiet_MutesRoutine_AndLastSaidIsRepeated()
    {
        using var rig = new RadioDirectorRig();
        var (router, radio, director, transcript) = (rig.Router, rig.Radio, rig.Director, rig.Transcript);
        router.Post(Event(EventKind.GapClear, Priority.Medium));
        Assert.True(director.WaitIdle(TimeSpan.FromSeconds(10)));
        string first = transcript.ToString();
        Assert.NotNull(radio.LastSaid);
        Assert.Contains(radio.LastSaid!, first);

        radio.Apply(RadioIntent.KeepQuiet);
        router.Post(Event(EventKind.GapClear, Priority.Medium));
        Assert.True(director.WaitIdle(TimeSpan.FromSeconds(10)));
        Assert.Equal(first, transcript.ToString());

        var station = new RadioStation(radio, null, RadioFixtures.Context);
        Assert.Equal(first.Trim().Split("] ")[1], station.AskIntent(RadioIntent.RepeatLast).Answer.Text);
    }
}
