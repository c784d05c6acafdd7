using CrewChief.Callouts;
using CrewChief.Events;
using CrewChief.Races;
using CrewChief.Telemetry;
using CrewChief.Tests.Callouts;

namespace CrewChief.Tests.Events;

/// <summary>
/// Issue 12: a caution says what to do, with the pit status only where the sim says it (iRacing's PitsOpen): closed
/// when the caution is thrown, a call when they open; no pit status from a source without the variable.
/// </summary>
public class CautionPitStatusTests
{
    private static readonly CalloutContext s_ctx = CalloutFixtures.Context("BMW M4 GT3", "spa up");
    private const TelemetryChannels WithPitsOpen = (TelemetryChannels)0xFFFF | TelemetryChannels.PitsOpen;

    private static string Say(RaceEvent e) => new CalloutComposer(seed: 1).Compose(e, s_ctx).Text;

    [Fact]
    public void SafetyCar_WithThePitsClosed_SaysSo_ThenThePitsOpening()
    {
        var race = new ScriptedRace(channels: WithPitsOpen).AddCar(1, 0.01, 60);
        race.Frame.PitsOpen = true;
        race.Run(3);
        race.Clear();
        race.Frame.SessionFlags = SessionFlags.Caution | SessionFlags.CautionWaving;
        race.Frame.PitsOpen = false;
        race.Run(20);
        var sc = race.Single(EventKind.SafetyCar);
        Assert.Equal(0, sc.Facts.GetOrDefault(FactKey.PitsOpen));
        string said = Say(sc);
        Assert.Contains("pits are closed", said, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("overtaking", said, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, race.Count(EventKind.PitLaneOpen));
        race.Frame.SessionFlags = SessionFlags.Caution;
        race.Frame.PitsOpen = true;
        race.Run(3);
        var open = race.Single(EventKind.PitLaneOpen);
        Assert.Contains("open", Say(open), StringComparison.OrdinalIgnoreCase);
        race.Frame.SessionFlags = SessionFlags.Green;
        race.Run(2);
        Assert.Equal(1, race.Count(EventKind.GreenFlag));
        Assert.Equal(1, race.Count(EventKind.PitLaneOpen));
    }

    [Fact]
    public void WithoutThePitsOpenVariable_NoPitStatusIsSpoken()
    {
        var race = new ScriptedRace().AddCar(1, 0.01, 60);   // no PitsOpen channel: a source that cannot say
        race.Run(3);
        race.Frame.SessionFlags = SessionFlags.Caution | SessionFlags.CautionWaving;
        race.Run(20);
        var sc = race.Single(EventKind.SafetyCar);
        Assert.False(sc.Facts.Contains(FactKey.PitsOpen));
        Assert.DoesNotContain("pits", Say(sc), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("overtaking", Say(sc), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RaceTiming_PublishesNoPitsOpen_TheLiveDumpsDo()
    {
        // Through the real live reader: a WEC timing replay's map has no PitsOpen; iRacing's live dumps carry it.
        string wec = SharedData.Require(Path.Combine("races", "wec", "2025_spa_6h.csv"));
        string clip = SharedData.Require(Path.Combine("races", "live-ndjson", "local_session_race_start_meatbal_and_tow.ndjson"));
        Assert.False(PublishesPitsOpen(new TimedRace(RaceTiming.Load(wec), "51", 0.25), out _));
        var dump = new NdjsonRecording(clip);
        Assert.True(dump.KnowsPitsOpen);
        Assert.True(PublishesPitsOpen(dump, out bool open));
        Assert.True(open); // the clip's race start: the pits are open
    }

    private static bool PublishesPitsOpen(IReplayedSession session, out bool open)
    {
        string map = Path.Combine(Path.GetTempPath(), $"crewchief-pits-{Guid.NewGuid():N}.irsdk");
        try
        {
            using var host = new RaceReplayHost(session, speed: 0, map);
            using var source = new LiveMapSource(map, parseSessionInfoInBackground: false);
            var frame = new TelemetryFrame();
            Assert.True(host.StepOnce(out _));
            Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
            open = frame.PitsOpen;
            return (frame.Available & TelemetryChannels.PitsOpen) != 0;
        }
        finally { File.Delete(map); }
    }
}
