using CrewChief.Races;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Races;

/// <summary>
/// The race-timing source on the real WEC files in ../shared/races: the field it rebuilds (order, pit visits,
/// flags) against the tests' own reading of the CSV, and what the live reader sees when the race is written into
/// the live map.
/// </summary>
public sealed class TimedRaceTests
{
    private const string Spa = "races/wec/2025_spa_6h.csv";
    private const string Fuji = "races/wec/2025_fuji_6h.csv";
    private const string LeMans = "races/wec/2024_le_mans_24h.csv";

    [Fact]
    public void Spa_finishing_order_is_the_published_result()
    {
        var timing = WecTimingFile.Read(SharedData.Require(Spa));
        var line = new RaceTimeline(timing);
        line.Advance(line.EndTime);
        var top3 = new string[3];
        for (int i = 0; i < timing.Entries.Count; i++)
            if (line.Position[i] is >= 1 and <= 3) top3[line.Position[i] - 1] = timing.Entries[i].Number;
        Assert.Equal(["51", "50", "36"], top3);
    }

    [Theory]
    [InlineData(Spa)]
    [InlineData(Fuji)]
    [InlineData(LeMans)]
    public void Final_order_matches_an_independent_reading(string file)
    {
        string path = SharedData.Require(file);
        var truth = new WecTimingReader(path).FinishingOrder();
        var timing = WecTimingFile.Read(path);
        var line = new RaceTimeline(timing);
        line.Advance(line.EndTime);
        var order = new List<string>();
        foreach (int i in line.Order) order.Add(timing.Entries[i].Number);
        Assert.Equal(truth, order);
    }

    [Theory]
    [InlineData(Spa)]
    [InlineData(Fuji)]
    public void Pit_visits_are_the_laps_marked_B(string file)
    {
        string path = SharedData.Require(file);
        var reader = new WecTimingReader(path);
        var timing = WecTimingFile.Read(path);
        var line = new RaceTimeline(timing);
        for (int i = 0; i < timing.Entries.Count; i++)
        {
            var e = timing.Entries[i];
            var expected = reader.ByCar[e.Number].Where(r => r.InPit).Select(r => r.Lap).ToList();
            var visits = line.PitVisits(i).ToList();
            Assert.Equal(expected, visits.Select(v => v.InLap).ToList());
            foreach (var (enter, exit, inLap, _) in visits)
            {
                var rows = reader.ByCar[e.Number];
                double crossing = rows.First(r => r.Lap == inLap).Elapsed;
                Assert.True(enter < crossing && exit > crossing, $"#{e.Number} lap {inLap}: the lane visit {enter:0.0}-{exit:0.0} must span the crossing at {crossing:0.0}");
                var next = rows.FirstOrDefault(r => r.Lap == inLap + 1);
                if (next is not null && next.PitTime > 0) Assert.Equal(next.PitTime, exit - enter, 0.5);
            }
        }
    }

    [Fact]
    public void Flags_change_where_the_crossings_show_a_new_flag()
    {
        string path = SharedData.Require(Fuji);
        var reader = new WecTimingReader(path);
        var expected = new List<(double, string)> { (0, "GF") };
        foreach (var r in reader.Rows.OrderBy(r => r.Elapsed))
            if (r.Flag != expected[^1].Item2) expected.Add((r.Elapsed, r.Flag));
        var line = new RaceTimeline(WecTimingFile.Read(path));
        var actual = new List<(double, string)>();
        foreach (var (t, flag) in line.FlagChanges) actual.Add((Math.Round(t, 3), RaceReplayJson.FlagName(flag)));
        Assert.Equal(expected.Select(x => (Math.Round(x.Item1, 3), x.Item2)).ToList(), actual);
        Assert.Contains(actual, x => x.Item2 == "FCY");
        Assert.Contains(actual, x => x.Item2 == "SF");
    }

    /// <summary>
    /// The perspective car's position as the engine reads it from the live map (PlayerCarPosition and the
    /// CarIdx arrays through <see cref="LiveMapSource"/>), once a minute of race time, against the order computed
    /// from the CSV by the tests' own reader.
    /// </summary>
    [Theory]
    [InlineData(Spa, "36")]
    [InlineData(Fuji, "92")]
    public void Perspective_car_position_through_the_live_reader_matches_the_timing(string file, string car)
    {
        string path = SharedData.Require(file);
        var reader = new WecTimingReader(path);
        var timing = WecTimingFile.Read(path);
        var grid = timing.Entries.OrderBy(e => e.GridPosition).Select(e => e.Number).ToList();
        var race = new TimedRace(timing, car, stepSeconds: 1.0);
        string map = Path.Combine(Path.GetTempPath(), $"crewchief-race-test-{Guid.NewGuid():N}.irsdk");
        try
        {
            using var host = new RaceReplayHost(race, speed: 0, map);
            using var source = new LiveMapSource(map, parseSessionInfoInBackground: false);
            var frame = new TelemetryFrame();
            int checkedSamples = 0;
            double nextCheck = 30;
            while (host.StepOnce(out _))
            {
                if (source.TryRead(frame, 0) != TelemetryReadStatus.NewFrame) continue;
                double t = frame.SessionTime - race.RaceStartSessionTime;
                if (t < nextCheck || frame.PlayerTrackSurface == TrackSurface.NotInWorld) continue;
                nextCheck += 60;
                var order = reader.OrderAt(t, grid);
                Assert.Equal(order.IndexOf(car) + 1, frame.PlayerCarPosition);
                // Every other car's CarIdxPosition too, and the player's class position.
                for (int idx = 1; idx <= timing.Entries.Count; idx++)
                {
                    if (frame.CarIdxPosition[idx] == 0) continue;
                    Assert.Equal(order.IndexOf(source.SessionInfo!.Drivers.First(d => d.CarIdx == idx).CarNumber) + 1, frame.CarIdxPosition[idx]);
                }
                string myClass = reader.ByCar[car][0].Class;
                var classOrder = order.Where(c => reader.ByCar[c][0].Class == myClass).ToList();
                Assert.Equal(classOrder.IndexOf(car) + 1, frame.PlayerCarClassPosition);
                checkedSamples++;
            }
            Assert.True(checkedSamples > 300, $"only {checkedSamples} samples checked");
        }
        finally
        {
            File.Delete(map);
        }
    }

    [Fact]
    public void Stepping_a_race_allocates_nothing()
    {
        var timing = WecTimingFile.Read(SharedData.Require(Spa));
        var race = new TimedRace(timing, "51", stepSeconds: 0.25);
        for (int i = 0; i < 2000; i++) race.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20000; i++) race.Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void The_session_info_names_the_driver_in_the_car_after_a_driver_change()
    {
        string path = SharedData.Require(Spa);
        var reader = new WecTimingReader(path);
        var timing = WecTimingFile.Read(path);
        var race = new TimedRace(timing, "36", stepSeconds: 1.0);
        // The tests' own reading: #51's DRIVER_NAME on its first lap and the first lap with another name.
        var rows = File.ReadAllLines(path).Skip(1).Select(l => l.Split(';')).Where(f => f[0].Trim() == "51").ToList();
        int nameCol = File.ReadLines(path).First().Split(';').Select(h => h.Trim()).ToList().IndexOf("DRIVER_NAME");
        int change = rows.FindIndex(f => f[nameCol].Trim() != rows[0][nameCol].Trim());
        Assert.True(change > 0);
        double swapAt = reader.ByCar["51"][change - 1].Elapsed;   // the stop before the first lap of the new driver
        string map = Path.Combine(Path.GetTempPath(), $"crewchief-race-test-{Guid.NewGuid():N}.irsdk");
        try
        {
            using var host = new RaceReplayHost(race, speed: 0, map);
            using var source = new LiveMapSource(map, parseSessionInfoInBackground: false);
            var frame = new TelemetryFrame();
            int idx51 = timing.Entries.FindIndex(e => e.Number == "51") + 1;
            string Name() => source.SessionInfo!.Drivers.Single(d => d.CarIdx == idx51).UserName;
            while (race.RaceTime < swapAt - 5 && host.StepOnce(out _)) source.TryRead(frame, 0);
            Assert.Equal(rows[0][nameCol].Trim(), Name());
            while (race.RaceTime < swapAt + 5 && host.StepOnce(out _)) source.TryRead(frame, 0);
            Assert.Equal(rows[change][nameCol].Trim(), Name());
        }
        finally
        {
            File.Delete(map);
        }
    }

    /// <summary>CarIdxF2Time, read back through the live reader just after each of the car's line crossings, is the
    /// gap to the leader at the line: its crossing of that lap minus the first crossing of the same lap.</summary>
    [Fact]
    public void Gap_to_the_leader_at_each_crossing_is_the_timing_gap()
    {
        string path = SharedData.Require(Spa);
        var reader = new WecTimingReader(path);
        var firstCrossing = reader.Rows.GroupBy(r => r.Lap).ToDictionary(g => g.Key, g => g.Min(r => r.Elapsed));
        var timing = WecTimingFile.Read(path);
        const string car = "92";   // an LMGT3 car: laps down to the Hypercar leader most of the race
        var race = new TimedRace(timing, car, stepSeconds: 0.5);
        string map = Path.Combine(Path.GetTempPath(), $"crewchief-race-test-{Guid.NewGuid():N}.irsdk");
        try
        {
            using var host = new RaceReplayHost(race, speed: 0, map);
            using var source = new LiveMapSource(map, parseSessionInfoInBackground: false);
            var frame = new TelemetryFrame();
            int lastLaps = 0, checkedLaps = 0;
            while (host.StepOnce(out _))
            {
                if (source.TryRead(frame, 0) != TelemetryReadStatus.NewFrame || frame.LapCompleted <= lastLaps) continue;
                lastLaps = frame.LapCompleted;
                var row = reader.ByCar[car].Single(r => r.Lap == lastLaps);
                Assert.Equal(row.Elapsed - firstCrossing[lastLaps], frame.CarIdxF2Time[frame.PlayerCarIdx], 0.01);
                checkedLaps++;
            }
            Assert.Equal(reader.ByCar[car].Count, checkedLaps);
        }
        finally
        {
            File.Delete(map);
        }
    }

    [Theory]
    [InlineData(Spa)]
    [InlineData(LeMans)]
    public void Out_laps_reach_their_sector_lines_when_the_timing_says(string file)
    {
        // The stop sits in the out-lap's first sector; after the lane the car is at the first split at the time the
        // file gives it, not where an average pace from the pit exit to the line would put it.
        var timing = WecTimingFile.Read(SharedData.Require(file));
        var line = new RaceTimeline(timing);
        var checks = new List<(double T, int Entry, double Expected)>();
        for (int i = 0; i < timing.Entries.Count; i++)
        {
            var laps = timing.Entries[i].Laps;
            for (int k = 1; k < laps.Count; k++)
            {
                var lap = laps[k];
                if (!laps[k - 1].EndsInPit || lap.PitLaneTime <= 0 || !lap.HasSectors) continue;
                double start = laps[k - 1].EndTime;
                double scale = (lap.EndTime - start) / (lap.S1 + lap.S2 + lap.S3);
                double s1At = start + lap.S1 * scale;
                var visit = line.PitVisits(i).First(v => v.InLap == k);
                if (s1At > visit.Exit + 1) checks.Add((s1At, i, k + timing.SectorStarts[1]));
            }
        }
        Assert.True(checks.Count > 20, $"only {checks.Count} out-laps");
        checks.Sort((a, b) => a.T.CompareTo(b.T));
        foreach (var (t, i, expected) in checks)
        {
            line.Advance(t);
            Assert.Equal(expected, line.Progress[i], 4);
        }
    }
}
