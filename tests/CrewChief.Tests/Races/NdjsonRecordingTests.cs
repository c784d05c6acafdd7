using System.Text.Json;
using CrewChief.Config;
using CrewChief.Events;
using CrewChief.Races;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Races;

/// <summary>
/// The live NDJSON clips in ../shared/races/live-ndjson played through the live map: what the reader gets back
/// is what the sim recorded (checked against the raw JSON, not through the code under test), and what the engine
/// says on them (a pace car in the field, a meatball, tows into the box).
/// </summary>
public sealed class NdjsonRecordingTests
{
    public static TheoryData<string> Clips => new()
    {
        "local_session_race_start_meatbal_and_tow.ndjson",
        "local_session_tow_around_start_finish.ndjson",
        "local_session_tow_midway_through.ndjson",
    };

    private static string Clip(string name) => SharedData.Require(Path.Combine("races", "live-ndjson", name));

    [Theory]
    [MemberData(nameof(Clips))]
    public void Every_sample_reads_back_through_the_live_reader_as_recorded(string name)
    {
        string path = Clip(name);
        var raw = File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("telemetry")).ToList();
        var rec = new NdjsonRecording(path);
        string map = Path.Combine(Path.GetTempPath(), $"crewchief-ndjson-test-{Guid.NewGuid():N}.irsdk");
        try
        {
            using var host = new RaceReplayHost(rec, speed: 0, map);
            using var source = new LiveMapSource(map, parseSessionInfoInBackground: false);
            var frame = new TelemetryFrame();
            int n = 0;
            while (host.StepOnce(out _))
            {
                Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
                var t = raw[n++];
                Assert.Equal(t.GetProperty("SessionTime").GetDouble(), frame.SessionTime, 6);
                Assert.Equal((uint)t.GetProperty("SessionFlags").GetInt64(), (uint)frame.SessionFlags);
                Assert.Equal(t.GetProperty("PlayerTrackSurface").GetInt32(), (int)frame.PlayerTrackSurface);
                Assert.Equal(t.GetProperty("OnPitRoad").GetBoolean(), frame.OnPitRoad);
                for (int i = 0; i < TelemetryFrame.MaxCars; i++)
                {
                    Assert.Equal(t.GetProperty("CarIdxLapDistPct")[i].GetSingle(), frame.CarIdxLapDistPct[i]);
                    Assert.Equal(t.GetProperty("CarIdxF2Time")[i].GetSingle(), frame.CarIdxF2Time[i]);
                    Assert.Equal(t.GetProperty("CarIdxPosition")[i].GetInt32(), frame.CarIdxPosition[i]);
                    Assert.Equal(t.GetProperty("CarIdxLapCompleted")[i].GetInt32(), frame.CarIdxLapCompleted[i]);
                    Assert.Equal(t.GetProperty("CarIdxTrackSurface")[i].GetInt32(), (int)frame.CarIdxTrackSurface[i]);
                    Assert.Equal(t.GetProperty("CarIdxOnPitRoad")[i].GetBoolean(), frame.CarIdxOnPitRoad[i]);
                }
            }
            Assert.Equal(raw.Count, n);
            // The session info survives the trip through YAML: the field, the pace car, the player, the track.
            var info = source.SessionInfo!;
            Assert.Equal(0, info.PlayerCarIdx);
            Assert.Equal("Oran Park Raceway", info.TrackDisplayName);
            Assert.Equal(1.6388f, info.TrackLengthKm, 4);
            Assert.Equal(21, info.Drivers.Count);
            Assert.True(info.Drivers.Single(d => d.CarIdx == 20).IsPaceCar);
            Assert.Equal("15", info.PlayerDriver!.CarNumber);
            Assert.Contains(info.Sessions, s => s.IsRace && s.TimeSeconds == 3600);
        }
        finally
        {
            File.Delete(map);
        }
    }

    private static RaceReplayResult RunEngine(string path) =>
        RaceReplayRunner.Run(new NdjsonRecording(path), new EngineConfig { TextOnly = true, LlmEnabled = false }, new RaceReplayOptions { Speed = 0 });

    /// <summary>
    /// A tow puts the car straight into its box (OnPitRoad, in the pit stall, the lap distance jumps): that is not
    /// the driver entering the pit lane, nor a rival pitting. The pace car pitting before the green is no rival.
    /// The clips end 3-4 s after the tow, so this holds the first seconds only; over a whole race (the iRacing lap
    /// chart's tows of #12 and #27, modelled the same way) the brain still calls a rejoin and a pit entry.
    /// </summary>
    [Theory]
    [MemberData(nameof(Clips))]
    public void Tows_and_the_pace_car_raise_no_pit_calls_or_rival_calls(string name)
    {
        var result = RunEngine(Clip(name));
        Assert.DoesNotContain(result.Events, e => e.Kind is EventKind.PitEntry or EventKind.PitExit or EventKind.PitLimiterMissing);
        Assert.DoesNotContain(result.Events, e => e.Kind == EventKind.RivalAboutToPit);
        // The pace car (CarIdx 20, CarIsPaceCar) is never named as a car ahead, behind or alongside.
        Assert.DoesNotContain(result.Events, e => e.Facts.TryGet(FactKey.CarIdx, out double idx) && idx == 20);
    }

    [Fact]
    public void The_race_start_is_called_at_the_green()
    {
        var result = RunEngine(Clip("local_session_race_start_meatbal_and_tow.ndjson"));
        var start = Assert.Single(result.Events, e => e.Kind == EventKind.RaceStart);
        // The green: SessionState goes to Racing at 52.08 s of session time in this clip.
        Assert.InRange(start.SessionTime, 52.0, 53.5);
    }

    [Fact]
    public void A_truncated_recording_keeps_what_came_before_and_a_non_recording_says_so()
    {
        string src = Clip("local_session_tow_midway_through.ndjson");
        string cut = Path.Combine(Path.GetTempPath(), $"crewchief-cut-{Guid.NewGuid():N}.ndjson");
        string bad = Path.Combine(Path.GetTempPath(), $"crewchief-bad-{Guid.NewGuid():N}.ndjson");
        try
        {
            var lines = File.ReadAllLines(src);
            File.WriteAllText(cut, string.Join('\n', lines.Take(5)) + "\n" + lines[5][..100]);
            Assert.Equal(5, new NdjsonRecording(cut).SampleCount);
            File.WriteAllText(bad, "{\"foo\": 1}\n");
            var e = Assert.Throws<InputException>(() => new NdjsonRecording(bad));
            Assert.Contains(bad, e.Message);
            Assert.Contains("telemetry", e.Message);
        }
        finally
        {
            File.Delete(cut);
            File.Delete(bad);
        }
    }
}
