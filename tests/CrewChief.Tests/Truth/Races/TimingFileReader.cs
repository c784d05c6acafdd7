using System.Globalization;
using System.Text.Json;

namespace CrewChief.Tests.Truth.Races;

/// <summary>
/// Reads the two timing formats in ../shared/races into a <see cref="RaceTruth"/>: the FIA WEC (Al Kamel) lap CSV
/// and the iRacing Data API lap chart. Its own parsing, written from the files' README, not the engine's.
/// </summary>
internal static class TimingFileReader
{
    public static RaceTruth Load(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadWec(path) : ReadIracingLapChart(path);

    /// <summary>WEC: one row per car per lap, ';'-separated, header row, maybe a BOM; race time at the line in ELAPSED.</summary>
    public static RaceTruth ReadWec(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].TrimStart('\uFEFF').Split(';').Select(h => h.Trim()).ToArray();
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{path}: no {name} column");
        int cNum = Col("NUMBER"), cLap = Col("LAP_NUMBER"), cTime = Col("LAP_TIME"), cPit = Col("CROSSING_FINISH_LINE_IN_PIT"),
            cElapsed = Col("ELAPSED"), cPitTime = Col("PIT_TIME"), cClass = Col("CLASS"), cFlag = Col("FLAG_AT_FL"),
            cS1 = Col("S1_SECONDS"), cS2 = Col("S2_SECONDS"), cS3 = Col("S3_SECONDS");
        var cars = new Dictionary<string, TruthCar>(StringComparer.Ordinal);
        var order = new List<TruthCar>();
        foreach (string line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var f = line.Split(';');
            string number = f[cNum].Trim();
            if (!cars.TryGetValue(number, out var car))
            {
                car = new TruthCar(number, f[cClass].Trim());
                cars.Add(number, car);
                order.Add(car);
            }
            double end = Clock(f[cElapsed]);
            double lapTime = Clock(f[cTime]);
            double start = car.Laps.Count > 0 ? car.Laps[^1].End : Math.Max(0, end - lapTime);
            car.Laps.Add(new TruthLap(int.Parse(f[cLap], CultureInfo.InvariantCulture), start, end,
                Num(f[cS1]), Num(f[cS2]), Num(f[cS3]), f[cPit].Trim() == "B", f[cPitTime].Trim().Length > 0 ? Clock(f[cPitTime]) : 0,
                f[cFlag].Trim()));
        }
        foreach (var c in order) c.Laps.Sort((a, b) => a.Number.CompareTo(b.Number));
        return new RaceTruth(Path.GetFileNameWithoutExtension(path), order, ReadWecGrid(Path.ChangeExtension(path, ".json")));
    }

    /// <summary>The grid from the event summary beside the CSV, where present (tie-break at the start only).</summary>
    private static Dictionary<string, int>? ReadWecGrid(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var grid = new Dictionary<string, int>(StringComparer.Ordinal);
            if (doc.RootElement.TryGetProperty("startingGrid", out var sg) && sg.TryGetProperty("entries", out var entries))
                foreach (var e in entries.EnumerateArray())
                    if (e.TryGetProperty("position", out var pos) && e.TryGetProperty("car", out var car) && car.TryGetProperty("carNumber", out var n))
                        grid.TryAdd(n.GetString() ?? "", pos.GetInt32());
            return grid.Count > 0 ? grid : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException) { return null; }
    }

    /// <summary>iRacing lap chart: one object per car per lap; lap 0 is the grid; times in 1/10,000 s.</summary>
    public static RaceTruth ReadIracingLapChart(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var rows = doc.RootElement.EnumerateArray()
            .Select(r => (Number: r.GetProperty("car_number").GetString()!, Lap: r.GetProperty("lap_number").GetInt32(),
                Time: r.GetProperty("session_time").GetInt64() / 10000.0, Flags: r.GetProperty("flags").GetInt32(),
                Position: r.GetProperty("lap_position").GetInt32(),
                Events: r.GetProperty("lap_events").EnumerateArray().Select(x => x.GetString() ?? "").ToList()))
            .ToList();
        // Race time 0 is the green: the earliest grid (lap 0) time.
        double t0 = rows.Where(r => r.Lap == 0).Select(r => r.Time).DefaultIfEmpty(0).Min();
        var cars = new List<TruthCar>();
        var grid = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var g in rows.GroupBy(r => r.Number))
        {
            var car = new TruthCar(g.Key, "GT4");
            double start = 0;
            foreach (var r in g.OrderBy(r => r.Lap))
            {
                // Lap 0 is the grid; position 0 there is a car that never took the start (no slot).
                if (r.Lap == 0) { start = r.Time - t0; if (r.Position > 0) grid[g.Key] = r.Position; continue; }
                if (r.Events.Count > 0) car.LapEvents[r.Lap] = r.Events;
                bool pitted = (r.Flags & 0x2) != 0 || r.Events.Contains("pitted");
                string flag = (r.Flags & 0x4000) != 0 ? "FF" : "GF";
                double end = r.Time - t0;
                car.Laps.Add(new TruthLap(r.Lap, start, end, double.NaN, double.NaN, double.NaN, pitted, 0, flag, r.Position));
                start = end;
            }
            cars.Add(car);
        }
        return new RaceTruth(Path.GetFileNameWithoutExtension(path), cars, grid);
    }

    /// <summary>"h:mm:ss.fff", "m:ss.fff" or "ss.fff" → seconds.</summary>
    public static double Clock(string text)
    {
        text = text.Trim();
        if (text.Length == 0) return double.NaN;
        double total = 0;
        foreach (string part in text.Split(':')) total = total * 60 + double.Parse(part, CultureInfo.InvariantCulture);
        return total;
    }

    private static double Num(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
}
