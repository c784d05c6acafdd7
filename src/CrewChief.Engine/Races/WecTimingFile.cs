using System.Text;
using System.Text.Json;

namespace CrewChief.Races;

/// <summary>
/// Reads FIA WEC official timing (Al Kamel analysis CSV: ';'-separated, UTF-8 with BOM, one row per car per lap)
/// and the summary JSON beside it when present (event name, time limit, sector shares, starting grid).
/// Header names carry stray spaces (" LAP_NUMBER"), so columns are found by trimmed name.
/// </summary>
public static class WecTimingFile
{
    private static readonly string[] s_required = ["NUMBER", "LAP_NUMBER", "LAP_TIME", "ELAPSED", "CLASS"];

    public static RaceTiming Read(string path)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path, Encoding.UTF8); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InputException.ForFile(path, $"cannot read it ({e.Message}).");
        }
        if (lines.Length < 2) throw InputException.ForFile(path, "has no laps; expected a WEC timing CSV (header row + one row per car per lap).");

        var header = lines[0].TrimStart('\uFEFF').Split(';');
        var col = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Length; i++) col.TryAdd(header[i].Trim(), i);
        foreach (string name in s_required)
            if (!col.ContainsKey(name)) throw InputException.ForFile(path, $"has no {name} column; expected a WEC timing CSV (';'-separated, header row).");
        int Col(string name) => col.TryGetValue(name, out int i) ? i : -1;
        int cNumber = Col("NUMBER"), cLap = Col("LAP_NUMBER"), cLapTime = Col("LAP_TIME"), cElapsed = Col("ELAPSED");
        int cPit = Col("CROSSING_FINISH_LINE_IN_PIT"), cPitTime = Col("PIT_TIME"), cFlag = Col("FLAG_AT_FL");
        int cS1 = Col("S1_SECONDS"), cS2 = Col("S2_SECONDS"), cS3 = Col("S3_SECONDS"), cKph = Col("KPH");
        int cDriver = Col("DRIVER_NAME"), cClass = Col("CLASS"), cTeam = Col("TEAM"), cMake = Col("MANUFACTURER");

        var entries = new Dictionary<string, RaceEntry>(StringComparer.Ordinal);
        var order = new List<RaceEntry>();
        var lengths = new List<double>();
        for (int row = 1; row < lines.Length; row++)
        {
            string line = lines[row];
            if (line.Length == 0) continue;
            var f = line.Split(';');
            string Get(int c) => c >= 0 && c < f.Length ? f[c].Trim() : "";
            string number = Get(cNumber);
            if (number.Length == 0) continue;
            if (!int.TryParse(Get(cLap), out int lapNumber) || lapNumber < 1)
                throw InputException.ForFile(path, $"line {row + 1}: LAP_NUMBER '{Get(cLap)}' is not a lap number.");
            double elapsed = TimingText.Seconds(Get(cElapsed));
            double lapTime = TimingText.Seconds(Get(cLapTime));
            if (double.IsNaN(elapsed)) throw InputException.ForFile(path, $"line {row + 1}: ELAPSED '{Get(cElapsed)}' is not a race time.");
            if (!entries.TryGetValue(number, out var entry))
            {
                entry = new RaceEntry
                {
                    Number = number,
                    ClassName = Get(cClass),
                    Team = Get(cTeam),
                    Driver = Get(cDriver),
                    Car = Get(cMake),
                };
                entries.Add(number, entry);
                order.Add(entry);
            }
            var marks = Get(cPit).Equals("B", StringComparison.OrdinalIgnoreCase) ? LapMarks.EndsInPit : LapMarks.None;
            double pitTime = TimingText.Seconds(Get(cPitTime));
            double s1 = TimingText.Seconds(Get(cS1)), s2 = TimingText.Seconds(Get(cS2)), s3 = TimingText.Seconds(Get(cS3));
            if (double.IsNaN(lapTime) && entry.Laps.Count > 0) lapTime = elapsed - entry.Laps[^1].EndTime;
            else if (double.IsNaN(lapTime)) lapTime = elapsed;
            var lap = new TimedLap(lapNumber, elapsed, lapTime, s1, s2, s3, double.IsNaN(pitTime) ? 0 : pitTime, ParseFlag(Get(cFlag)), marks);
            string driver = Get(cDriver);
            string current = entry.DriverChanges.Count > 0 ? entry.DriverChanges[^1].Driver : entry.Driver;
            if (driver.Length > 0 && driver != current && entry.Laps.Count > 0) entry.DriverChanges.Add((entry.Laps[^1].EndTime, driver));
            entry.Laps.Add(lap);
            double kph = TimingText.Seconds(Get(cKph));
            if (kph > 0 && lapTime > 0 && marks == LapMarks.None && lap.PitLaneTime == 0 && lap.Flag == RaceFlag.Green)
                lengths.Add(kph / 3.6 * lapTime);
        }
        if (order.Count == 0) throw InputException.ForFile(path, "has no laps.");
        foreach (var e in order)
        {
            // The file is sorted by car then lap; sort anyway so that a re-ordered export reads the same.
            e.Laps.Sort((a, b) => a.Number.CompareTo(b.Number));
            for (int i = 1; i < e.Laps.Count; i++)
                if (!(e.Laps[i].EndTime > e.Laps[i - 1].EndTime))
                    throw InputException.ForFile(path, $"car {e.Number}: ELAPSED does not increase at lap {e.Laps[i].Number}.");
        }
        lengths.Sort();
        double length = lengths.Count > 0 ? lengths[lengths.Count / 2] : 5000;

        var summary = ReadSummary(Path.ChangeExtension(path, ".json"));
        string eventName = summary.Name ?? Path.GetFileNameWithoutExtension(path);
        var (trackName, display) = TimingText.Track(eventName, Path.GetFileNameWithoutExtension(path));
        AssignGrid(order, summary.Grid);
        return new RaceTiming
        {
            EventName = eventName,
            TrackName = trackName,
            TrackDisplayName = display,
            TrackLengthM = Math.Round(length, 0),
            TimeLimitS = summary.TimeLimit > 0 ? summary.TimeLimit : EstimateTimeLimit(order),
            SectorStarts = summary.Sectors ?? SectorStartsFromTimes(order),
            Entries = order,
            SourceKind = "WEC timing",
        };
    }

    private static RaceFlag ParseFlag(string text) => text.ToUpperInvariant() switch
    {
        "FCY" => RaceFlag.FullCourseYellow,
        "SF" or "SC" => RaceFlag.SafetyCar,
        "RF" => RaceFlag.Red,
        "FF" => RaceFlag.Finish,
        _ => RaceFlag.Green,
    };

    /// <summary>The clock ran out during the winner's last lap: between its last two crossings.</summary>
    private static double EstimateTimeLimit(List<RaceEntry> entries)
    {
        double best = 0;
        foreach (var e in entries)
        {
            if (!e.Finished || e.Laps.Count < 2) continue;
            double t = (e.Laps[^2].EndTime + e.Laps[^1].EndTime) / 2;
            if (best == 0 || e.Laps[^1].EndTime < best) best = t;
        }
        return Math.Round(best);
    }

    /// <summary>Without a summary, sector shares by time on clean green laps (a fair stand-in for distance).</summary>
    private static double[] SectorStartsFromTimes(List<RaceEntry> entries)
    {
        double s1 = 0, s2 = 0, s3 = 0;
        foreach (var e in entries)
            foreach (var lap in e.Laps)
                if (lap.HasSectors && lap.Marks == LapMarks.None && lap.PitLaneTime == 0 && lap.Flag == RaceFlag.Green)
                { s1 += lap.S1; s2 += lap.S2; s3 += lap.S3; }
        double sum = s1 + s2 + s3;
        return sum > 0 ? [0, s1 / sum, (s1 + s2) / sum] : [];
    }

    private static void AssignGrid(List<RaceEntry> entries, List<string>? grid)
    {
        if (grid is not null)
        {
            for (int i = 0; i < grid.Count; i++)
                foreach (var e in entries) if (e.Number == grid[i]) e.GridPosition = i + 1;
        }
        // Cars the grid does not list (or no grid at all) start behind, in the order they reached the first split.
        var rest = entries.FindAll(e => e.GridPosition == 0);
        rest.Sort((a, b) => FirstSplit(a).CompareTo(FirstSplit(b)));
        int next = 1;
        foreach (var e in entries) next = Math.Max(next, e.GridPosition + 1);
        foreach (var e in rest) e.GridPosition = next++;
    }

    private static double FirstSplit(RaceEntry e)
    {
        if (e.Laps.Count == 0) return double.MaxValue;
        var lap = e.Laps[0];
        return lap.S1 > 0 ? lap.S1 : lap.EndTime;
    }

    private readonly record struct Summary(string? Name, double TimeLimit, double[]? Sectors, List<string>? Grid);

    /// <summary>The summary JSON beside the CSV (optional: a missing or odd one leaves the defaults).</summary>
    private static Summary ReadSummary(string path)
    {
        if (!File.Exists(path)) return default;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            string? name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            double limit = 0;
            if (root.TryGetProperty("race", out var race) && race.TryGetProperty("timeLimit", out var tl) && tl.ValueKind == JsonValueKind.String)
                limit = TimingText.Seconds(tl.GetString());
            double[]? sectors = null;
            if (root.TryGetProperty("track", out var track) && track.TryGetProperty("sectors", out var secs) && secs.ValueKind == JsonValueKind.Object)
            {
                var starts = new List<double>();
                foreach (var s in secs.EnumerateObject())
                    if (s.Value.TryGetProperty("start", out var st) && st.ValueKind == JsonValueKind.Number) starts.Add(st.GetDouble());
                starts.Sort();
                if (starts.Count > 0 && starts[0] == 0) sectors = [.. starts];
            }
            List<string>? grid = null;
            if (root.TryGetProperty("startingGrid", out var sg) && sg.TryGetProperty("entries", out var ge) && ge.ValueKind == JsonValueKind.Array)
            {
                var byPos = new SortedDictionary<int, string>();
                foreach (var g in ge.EnumerateArray())
                {
                    if (g.TryGetProperty("position", out var p) && p.TryGetInt32(out int pos) &&
                        g.TryGetProperty("car", out var car) && car.TryGetProperty("carNumber", out var cn) && cn.ValueKind == JsonValueKind.String)
                        byPos[pos] = cn.GetString()!;
                }
                grid = [.. byPos.Values];
            }
            return new Summary(name, double.IsNaN(limit) ? 0 : limit, sectors, grid);
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
        {
            return default;   // the CSV alone is enough
        }
    }
}
