using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CrewChief.Tests.Truth.Races;

/// <summary>
/// A real WEC race with a safety-car start and a red flag put in, written from the real timing file by a fixed
/// transformation (never a hand-written race): none of the races in ../shared has either, and issue 12's checks
/// are run on races that do. What WEC timing does in both is taken from a real file that has them (WEC's Lone Star
/// Le Mans 2025 at COTA, in the same public repository as ../shared's files): every car's first laps carry
/// <c>FLAG_AT_FL = SF</c> at safety-car pace in single file; at a red flag the lap on which it is shown crosses the
/// line under <c>RF</c> at a crawl, the field then stands (no <c>B</c>, no <c>PIT_TIME</c>: the stoppage sits in the
/// next lap's first sector) and that lap and the next cross under <c>SF</c> behind the safety car; the race clock
/// runs through the stoppage, so the flag falls at the same time limit, fewer laps in.
/// <para>The transformation, in order:</para>
/// <list type="number">
/// <item>Safety-car start: <see cref="StartLaps"/> laps are added before the real lap 1, every car in grid order
/// (the summary JSON's grid), <see cref="QueueGap"/> s apart, at <see cref="SafetyCarPaceFactor"/> × the pole car's
/// median green lap; the real race then follows, renumbered and shifted by those laps (its lap 1 loses the grid slot's
/// delay already served in the queue).</item>
/// <item>Red flag: at <see cref="RedAtRaceFraction"/> of the race, on the leader's lap in progress then (the first
/// such lap where no car's lap around it touches the pit lane), every running car finishes its lap in progress at
/// <see cref="RedCrawlFactor"/> × the time it had left (flag RF: the order at the line is the order on the road);
/// the field stands for <see cref="StoppageSeconds"/>; then one lap carrying the stoppage and one more lap behind the
/// safety car (flag SF) in that order; then the real race resumes, its laps renumbered +2 and every car's shifted by
/// the same time (the gaps kept: a re-bunched queue would smear the race's later flag periods across the field).</item>
/// <item>Finish: the chequered flag falls on the leader's first crossing after the summary's time limit; every car
/// still running takes it at its next crossing (FF); laps after it are dropped.</item>
/// </list>
/// Rows keep every column of the real row they come from (driver, class, team); the rewritten ones get new lap
/// numbers, times, sectors, flags and pit columns.
/// </summary>
internal sealed class NeutralisedRace
{
    public const int StartLaps = 3;
    public const double SafetyCarPaceFactor = 1.5;
    public const double RedCrawlFactor = 1.6;
    public const double QueueGap = 0.6;
    public const double StoppageSeconds = 1800;
    public const double RedAtRaceFraction = 0.45;

    /// <summary>The written CSV (its summary JSON beside it).</summary>
    public required string CsvPath { get; init; }
    /// <summary>Race time the red flag was shown and the field restarted (the safety car's first lap begins).</summary>
    public double RedShownAt { get; init; }
    public double RestartAt { get; init; }
    /// <summary>Race time of the first green-flag crossing after the start laps and after the red flag's restart.</summary>
    public double StartGreenAt { get; init; }
    public double RestartGreenAt { get; init; }

    private sealed class Row(string[] fields)
    {
        public string[] F = fields;
        public int Lap;
        public double End, Time, S1, S2, S3, PitTime;
        public string Flag = "GF";
        public bool InPit;
    }

    private sealed record Columns(int Number, int Lap, int LapTime, int InPit, int S1, int S2, int S3, int Kph, int Elapsed,
        int S1Large, int S2Large, int S3Large, int PitTime, int Flag, int S1Sec, int S2Sec, int S3Sec);

    /// <summary>Writes the transformed race of <paramref name="sourceCsv"/> (and its summary JSON) into <paramref name="dir"/>.</summary>
    public static NeutralisedRace Write(string sourceCsv, string dir)
    {
        var lines = File.ReadAllLines(sourceCsv, Encoding.UTF8);
        string header = lines[0];
        var names = header.TrimStart('\uFEFF').Split(';').Select(h => h.Trim()).ToList();
        int C(string n) => names.IndexOf(n) is var i and >= 0 ? i : throw new InvalidDataException($"{sourceCsv}: no {n} column");
        var col = new Columns(C("NUMBER"), C("LAP_NUMBER"), C("LAP_TIME"), C("CROSSING_FINISH_LINE_IN_PIT"), C("S1"), C("S2"), C("S3"),
            C("KPH"), C("ELAPSED"), C("S1_LARGE"), C("S2_LARGE"), C("S3_LARGE"), C("PIT_TIME"), C("FLAG_AT_FL"),
            C("S1_SECONDS"), C("S2_SECONDS"), C("S3_SECONDS"));

        var cars = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
        var carOrder = new List<string>();
        foreach (string line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var f = line.Split(';');
            string number = f[col.Number].Trim();
            if (!cars.TryGetValue(number, out var laps)) { cars[number] = laps = []; carOrder.Add(number); }
            laps.Add(new Row(f)
            {
                Lap = int.Parse(f[col.Lap].Trim(), CultureInfo.InvariantCulture),
                End = Clock(f[col.Elapsed]), Time = Clock(f[col.LapTime]),
                S1 = Num(f[col.S1Sec]), S2 = Num(f[col.S2Sec]), S3 = Num(f[col.S3Sec]),
                PitTime = f[col.PitTime].Trim().Length > 0 ? Clock(f[col.PitTime]) : 0,
                Flag = f[col.Flag].Trim(), InPit = f[col.InPit].Trim() == "B",
            });
        }
        foreach (var laps in cars.Values) laps.Sort((a, b) => a.Lap.CompareTo(b.Lap));

        string json = Path.ChangeExtension(sourceCsv, ".json");
        var (grid, timeLimit, shares) = ReadSummary(json);
        // Grid order; cars the grid does not list follow in the order they reached the line on lap 1.
        var byGrid = carOrder.OrderBy(n => grid.TryGetValue(n, out int g) ? g : int.MaxValue).ThenBy(n => cars[n][0].End).ToList();
        string pole = byGrid[0];
        double green = Median(cars[pole].Where(r => r.Flag == "GF" && !r.InPit && r.PitTime == 0 && r.Lap > 1).Select(r => r.Time));
        shares ??= MedianShares(cars.Values.SelectMany(l => l));

        // 1. The safety-car start.
        double sc = SafetyCarPaceFactor * green;
        double startShift = StartLaps * sc;
        for (int g = 0; g < byGrid.Count; g++)
        {
            var laps = cars[byGrid[g]];
            if (laps.Count == 0) continue;
            double slot = g * QueueGap;
            var first = laps[0];
            foreach (var r in laps) { r.Lap += StartLaps; r.End += startShift; }
            // The real lap 1 ran from the race start; its car now starts it from its place in the queue.
            first.Time = Math.Max(0.5 * first.Time, first.Time - slot);
            if (first.S1 > slot * 2) first.S1 -= slot;
            var added = new List<Row>();
            for (int k = 1; k <= StartLaps; k++)
            {
                double end = k * sc + slot;
                added.Add(Synth(first, k, end, k == 1 ? end : sc, shares, "SF"));
            }
            laps.InsertRange(0, added);
        }

        // 2. The red flag: the leader's lap in progress at a fraction of the race, moved on to the first lap where no
        // car is near the pit lane (a car in its stop at a red flag stays there; the transformation keeps it simple).
        double raceEnd = cars.Values.Where(l => l.Count > 0).Max(l => l[^1].End);
        double redAt = RedAtRaceFraction * raceEnd;
        double shownAt = double.NaN;
        for (int tries = 0; tries < 400 && double.IsNaN(shownAt); tries++, redAt += 0.25 * green)
            if (FieldClearOfPits(cars.Values, redAt, green)) shownAt = redAt;
        if (double.IsNaN(shownAt)) throw new InvalidDataException($"{sourceCsv}: no moment for the red flag with the field clear of the pit lane");

        // Every car finishes its lap in progress at a crawl (the time it had left, slowed alike for all, so the order
        // at the line is the order on the road), stands, and restarts behind the safety car in that order. The real
        // race then resumes shifted by the same time for every car: the gaps (and so every later flag period, which
        // the timing shows at each car's crossings) stay as they were, where a re-bunched queue would smear a later
        // two-minute full-course yellow across the field's crossings.
        double crawl = RedCrawlFactor * green;
        double shift = RedCrawlFactor * green + StoppageSeconds + 2 * sc;
        double restart = shownAt + crawl + StoppageSeconds;
        foreach (var laps in cars.Values)
        {
            int i = laps.FindIndex(r => r.End > shownAt);
            if (i < 0) continue;   // retired before the red flag
            var red = laps[i];
            double start = i > 0 ? laps[i - 1].End : 0;
            double reach = shownAt + (red.End - shownAt) * RedCrawlFactor;
            var redLap = Synth(red, red.Lap, reach, reach - start, shares, "RF");
            // The lap carrying the stoppage (standing just past the line, then a lap at safety-car pace) and one more.
            double stopLapEnd = red.End + shift - sc;
            var stopLap = Synth(red, red.Lap + 1, stopLapEnd, stopLapEnd - reach, shares, "SF");
            stopLap.S2 = shares[1] * sc;
            stopLap.S3 = shares[2] * sc;
            stopLap.S1 = stopLap.Time - stopLap.S2 - stopLap.S3;
            var scLap = Synth(red, red.Lap + 2, red.End + shift, sc, shares, "SF");
            for (int j = i + 1; j < laps.Count; j++) { laps[j].Lap += 2; laps[j].End += shift; }
            laps.RemoveAt(i);
            laps.InsertRange(i, [redLap, stopLap, scLap]);
        }

        // 3. The finish: the clock ran through the stoppage.
        double limit = timeLimit > 0 ? timeLimit : raceEnd;
        var leader = cars.Values.Where(l => l.Count > 0)
            .OrderByDescending(l => l.Count(r => r.End <= limit)).ThenBy(l => l.LastOrDefault(r => r.End <= limit)?.End ?? 0).First();
        double flagAt = leader.First(r => r.End >= limit).End;
        foreach (var laps in cars.Values)
        {
            int last = laps.FindIndex(r => r.End >= flagAt);
            foreach (var r in laps) if (r.Flag == "FF") r.Flag = "GF";
            if (last < 0) continue;   // retired before the flag: keeps its last lap as it was
            laps.RemoveRange(last + 1, laps.Count - last - 1);
            laps[last].Flag = "FF";
        }

        Directory.CreateDirectory(dir);
        string name = Path.GetFileNameWithoutExtension(sourceCsv) + "_sc_start_red_flag";
        string csv = Path.Combine(dir, name + ".csv");
        var sb = new StringBuilder();
        sb.Append(header).Append('\n');
        foreach (string number in carOrder)
            foreach (var r in cars[number]) sb.Append(Format(r, col)).Append('\n');
        File.WriteAllText(csv, sb.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        if (File.Exists(json)) File.Copy(json, Path.ChangeExtension(csv, ".json"), overwrite: true);

        var all = cars.Values.SelectMany(l => l).ToList();
        return new NeutralisedRace
        {
            CsvPath = csv,
            RedShownAt = shownAt,
            RestartAt = restart,
            StartGreenAt = all.Where(r => r.Flag == "GF").Min(r => r.End),
            RestartGreenAt = all.Where(r => r.Flag == "GF" && r.End > restart).Min(r => r.End),
        };
    }

    /// <summary>No running car's lap in progress at <paramref name="t"/>, nor the one after it, touches the pit lane,
    /// and the flag there is green for everyone.</summary>
    private static bool FieldClearOfPits(IEnumerable<List<Row>> cars, double t, double green)
    {
        foreach (var laps in cars)
        {
            int i = laps.FindIndex(r => r.End > t);
            if (i < 0) continue;
            for (int j = Math.Max(0, i - 1); j <= Math.Min(laps.Count - 1, i + 2); j++)
                if (laps[j].InPit || laps[j].PitTime > 0 || laps[j].Flag != "GF") return false;
            if (laps[i].End - (i > 0 ? laps[i - 1].End : 0) > 1.3 * green * 1.15) return false;
        }
        return true;
    }

    private static Row Synth(Row like, int lap, double end, double time, double[] shares, string flag) => new((string[])like.F.Clone())
    {
        Lap = lap, End = end, Time = time,
        S1 = shares[0] * time, S2 = shares[1] * time, S3 = shares[2] * time,
        PitTime = 0, InPit = false, Flag = flag,
    };

    private static string Format(Row r, Columns c)
    {
        var f = (string[])r.F.Clone();
        f[c.Lap] = r.Lap.ToString(CultureInfo.InvariantCulture);
        f[c.LapTime] = Text(r.Time);
        f[c.Elapsed] = Text(r.End);
        f[c.InPit] = r.InPit ? "B" : "";
        f[c.PitTime] = r.PitTime > 0 ? Text(r.PitTime, hours: true) : "";
        f[c.Flag] = r.Flag;
        f[c.S1] = Text(r.S1); f[c.S2] = Text(r.S2); f[c.S3] = Text(r.S3);
        f[c.S1Large] = Text(r.S1, minutes: true); f[c.S2Large] = Text(r.S2, minutes: true); f[c.S3Large] = Text(r.S3, minutes: true);
        f[c.S1Sec] = Sec(r.S1); f[c.S2Sec] = Sec(r.S2); f[c.S3Sec] = Sec(r.S3);
        f[c.Kph] = "";
        return string.Join(';', f);
    }

    private static string Sec(double s) => double.IsFinite(s) ? s.ToString("0.000", CultureInfo.InvariantCulture) : "";

    /// <summary>"h:mm:ss.fff" / "m:ss.fff" / "ss.fff" as the timing writes them.</summary>
    private static string Text(double s, bool hours = false, bool minutes = false)
    {
        if (!double.IsFinite(s)) return "";
        long ms = (long)Math.Round(s * 1000);
        long h = ms / 3_600_000, m = ms / 60_000 % 60, sec = ms / 1000 % 60, frac = ms % 1000;
        var ci = CultureInfo.InvariantCulture;
        if (h > 0 || hours) return string.Create(ci, $"{h}:{m:00}:{sec:00}.{frac:000}");
        if (m > 0 || minutes) return string.Create(ci, $"{m}:{sec:00}.{frac:000}");
        return string.Create(ci, $"{sec}.{frac:000}");
    }

    private static (Dictionary<string, int> Grid, double TimeLimit, double[]? Shares) ReadSummary(string path)
    {
        var grid = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!File.Exists(path)) return (grid, 0, null);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        if (root.TryGetProperty("startingGrid", out var sg) && sg.TryGetProperty("entries", out var entries))
            foreach (var e in entries.EnumerateArray())
                if (e.TryGetProperty("position", out var pos) && e.TryGetProperty("car", out var car) && car.TryGetProperty("carNumber", out var n))
                    grid.TryAdd(n.GetString() ?? "", pos.GetInt32());
        double limit = root.TryGetProperty("race", out var race) && race.TryGetProperty("timeLimit", out var tl) ? Clock(tl.GetString() ?? "") : 0;
        double[]? shares = null;
        if (root.TryGetProperty("track", out var track) && track.TryGetProperty("sectors", out var secs))
        {
            var list = secs.EnumerateObject().Select(s => s.Value.GetProperty("share").GetDouble()).ToArray();
            if (list.Length == 3) shares = list;
        }
        return (grid, double.IsNaN(limit) ? 0 : limit, shares);
    }

    private static double[] MedianShares(IEnumerable<Row> rows)
    {
        var clean = rows.Where(r => r.Flag == "GF" && r.S1 > 0 && r.S2 > 0 && r.S3 > 0 && !r.InPit && r.PitTime == 0).ToList();
        double s1 = Median(clean.Select(r => r.S1)), s2 = Median(clean.Select(r => r.S2)), s3 = Median(clean.Select(r => r.S3));
        double sum = s1 + s2 + s3;
        return [s1 / sum, s2 / sum, s3 / sum];
    }

    private static double Median(IEnumerable<double> xs)
    {
        var a = xs.Where(double.IsFinite).OrderBy(x => x).ToArray();
        return a.Length == 0 ? double.NaN : a[a.Length / 2];
    }

    private static double Clock(string text) => TimingFileReader.Clock(text);

    private static double Num(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
}
