using System.Text.Json;
using CrewChief.Config;
using CrewChief.Events;
using CrewChief.Races;

namespace CrewChief.Tests.Races;

/// <summary>
/// The iRacing flags and tows of the live NDJSON clips, as the sim set them (the raw JSON read here, not through the
/// code under test): the meatball (SessionFlags' Repair bit) is called when it comes out; a tow into the box is no
/// pit entry and has no lane-loss rejoin estimate (its time is the tow's, served in the box); clips with no caution
/// raise no safety car, full-course yellow, red flag or green.
/// </summary>
public sealed class NdjsonFlagTests
{
    private const int RepairBit = 0x00100000;

    public static TheoryData<string> Clips => new()
    {
        "local_session_race_start_meatbal_and_tow.ndjson",
        "local_session_tow_around_start_finish.ndjson",
        "local_session_tow_midway_through.ndjson",
    };

    private static string Clip(string name) => SharedData.Require(Path.Combine("races", "live-ndjson", name));

    private static RaceReplayResult RunEngine(string path) =>
        RaceReplayRunner.Run(new NdjsonRecording(path), new EngineConfig { TextOnly = true, LlmEnabled = false }, new RaceReplayOptions { Speed = 0 });

    /// <summary>(session time, SessionFlags, PlayerTrackSurface, OnPitRoad) of every sample, from the raw JSON.</summary>
    private static List<(double T, long Flags, int Surface, bool Pit)> Samples(string path) =>
        [.. File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l =>
        {
            var t = JsonDocument.Parse(l).RootElement.GetProperty("telemetry");
            return (t.GetProperty("SessionTime").GetDouble(), t.GetProperty("SessionFlags").GetInt64(),
                t.GetProperty("PlayerTrackSurface").GetInt32(), t.GetProperty("OnPitRoad").GetBoolean());
        })];

    [Fact]
    public void The_meatball_is_called_when_it_comes_out()
    {
        string path = Clip("local_session_race_start_meatbal_and_tow.ndjson");
        double shown = Samples(path).First(s => (s.Flags & RepairBit) != 0).T;
        var result = RunEngine(path);
        var call = Assert.Single(result.Events, e => e.Kind == EventKind.RepairFlag);
        Assert.InRange(call.SessionTime, shown, shown + 2);
    }

    [Theory]
    [MemberData(nameof(Clips))]
    public void A_tow_into_the_box_brings_no_rejoin_estimate_and_the_clips_no_neutralisation(string name)
    {
        string path = Clip(name);
        var samples = Samples(path);
        // The tow: the player's surface goes from the track (or off it) straight to the pit stall.
        int tow = samples.FindIndex(1, s => s.Surface == 1 && s.Pit);
        Assert.True(tow > 0 && samples[tow - 1].Surface is 0 or 3, "the clip has no tow straight into the box");
        var result = RunEngine(path);
        Assert.DoesNotContain(result.Events, e => e.Kind is EventKind.RejoinEstimate or EventKind.PitEntry && e.SessionTime >= samples[tow].T - 0.5);
        Assert.DoesNotContain(result.Events, e => e.Kind is EventKind.SafetyCar or EventKind.FullCourseYellow or EventKind.RedFlag or EventKind.GreenFlag);
    }
}
