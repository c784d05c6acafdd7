using CrewChief.Races;

namespace CrewChief.Tests.Races;

/// <summary>Bad race files and bad --car values get one line naming the file or flag and the fix.</summary>
public sealed class RaceInputTests
{
    private static string Temp(string name, string text)
    {
        string path = Path.Combine(Path.GetTempPath(), $"crewchief-{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<InputException>(() => RaceTiming.Load("/nonexistent/race.csv"));
        Assert.StartsWith("/nonexistent/race.csv: file not found", e.Message);
    }

    [Fact]
    public void A_csv_that_is_not_wec_timing_says_which_column_is_missing()
    {
        string path = Temp("x.csv", "a;b;c\n1;2;3\n");
        try
        {
            var e = Assert.Throws<InputException>(() => RaceTiming.Load(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("NUMBER", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_json_that_is_not_a_lap_chart_says_so()
    {
        string path = Temp("x.json", "{\"hello\": 1}");
        try
        {
            var e = Assert.Throws<InputException>(() => RaceTiming.Load(path));
            Assert.Contains("lap chart", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_small_wec_file_replays_without_its_summary_and_keeps_leading_zeros()
    {
        // Two cars, two laps, a stop; no summary JSON beside it: the time limit and sectors are estimated.
        const string csv = "\uFEFFNUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; CROSSING_FINISH_LINE_IN_PIT; ELAPSED;PIT_TIME;CLASS;TEAM;FLAG_AT_FL;S1_SECONDS;S2_SECONDS;S3_SECONDS;\n" +
            "007;1;1;2:00.000;;2:00.000;;HYPERCAR;A;GF;40.0;40.0;40.0;\n" +
            "007;1;2;2:00.000;B;4:00.000;;HYPERCAR;A;GF;40.0;40.0;40.0;\n" +
            "007;1;3;3:00.000;;7:00.000;0:01:05.000;HYPERCAR;A;FF;100.0;40.0;40.0;\n" +
            "8;1;1;2:01.000;;2:01.000;;HYPERCAR;B;GF;40.0;40.0;41.0;\n" +
            "8;1;2;2:01.000;;4:02.000;;HYPERCAR;B;GF;40.0;40.0;41.0;\n" +
            "8;1;3;2:01.000;;6:03.000;;HYPERCAR;B;FF;40.0;40.0;41.0;\n";
        string path = Temp("mini.csv", csv);
        try
        {
            var timing = RaceTiming.Load(path);
            Assert.Equal("007", timing.Entries[0].Number);
            Assert.Same(timing.Entries[0], timing.Find("7"));
            Assert.Equal([0, 1 / 3.0, 2 / 3.0], timing.SectorStarts, (a, b) => Math.Abs(a - b) < 0.01);
            Assert.InRange(timing.TimeLimitS, 242, 363);   // between the winner's last two crossings
            var line = new RaceTimeline(timing);
            line.Advance(250);   // #007 in the pit lane: it crossed at 240 in the lane, #8 at 242 on track
            Assert.True(line.OnPitRoad[0]);
            Assert.Equal(1, line.Position[0]);
            line.Advance(line.EndTime);
            Assert.Equal(2, line.Position[0]);   // #8 finished first with the same laps
            var e = Assert.Throws<InputException>(() => new TimedRace(timing, "99", 0.25));
            Assert.StartsWith("--car 99: no such car", e.Message);
            Assert.Contains("007 8", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_safety_car_start_is_under_the_safety_car_from_the_start()
    {
        const string csv = "NUMBER;LAP_NUMBER;LAP_TIME;CROSSING_FINISH_LINE_IN_PIT;ELAPSED;PIT_TIME;CLASS;FLAG_AT_FL;S1_SECONDS;S2_SECONDS;S3_SECONDS\n" +
            "1;1;3:00.000;;3:00.000;;LMP2;SF;60;60;60\n1;2;2:00.000;;5:00.000;;LMP2;GF;40;40;40\n1;3;2:00.000;;7:00.000;;LMP2;RF;40;40;40\n1;4;9:00.000;;16:00.000;;LMP2;FF;40;40;40\n" +
            "2;1;3:01.000;;3:01.000;;LMP2;SF;60;60;61\n2;2;2:00.000;;5:01.000;;LMP2;GF;40;40;40\n2;3;2:00.000;;7:01.000;;LMP2;RF;40;40;40\n2;4;9:00.000;;16:01.000;;LMP2;FF;40;40;40\n";
        string path = Temp("sc.csv", csv);
        try
        {
            var timing = RaceTiming.Load(path);
            var race = new TimedRace(timing, "2", 0.25);
            while (race.RaceTime < 10) race.Step();
            Assert.True((race.Frame.SessionFlags & CrewChief.Telemetry.SessionFlags.Caution) != 0, "a safety-car start shows the caution from the green");
            Assert.Equal(CrewChief.Telemetry.TrackSurface.OnTrack, race.Frame.CarIdxTrackSurface[TimedRace.PaceCarIdx]);
            while (race.RaceTime < 430) race.Step();
            Assert.Equal(CrewChief.Telemetry.SessionFlags.Red, race.Frame.SessionFlags & CrewChief.Telemetry.SessionFlags.Red);
            Assert.Equal(CrewChief.Telemetry.TrackSurface.NotInWorld, race.Frame.CarIdxTrackSurface[TimedRace.PaceCarIdx]);
        }
        finally { File.Delete(path); }
    }
}
