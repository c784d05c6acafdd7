using System.Text.Json;

namespace CrewChief.Races;

/// <summary>
/// Reads a race from the iRacing Data API: the lap chart (<c>*_lap_chart.json</c>: one object per car per lap,
/// lap 0 the start, times in 1/10,000 s, lap events and flag bits) and, beside it when present, the results
/// (<c>*_result.json</c>: car, class, grid) and the event log (<c>*_event_log.json</c>: penalties).
/// <para>
/// Pit visits come from the <c>pitted</c> bit: consecutive pitted laps are one visit across the line (the lane runs
/// past it), so the first ends in the pit lane and the time the next one lost over the car's typical lap stands in
/// for its time in the lane (the lap chart has no pit time). A <c>tow</c> lap is not a stop: the car stopped on
/// track and was put in its box, as iRacing does.
/// </para>
/// </summary>
public static class IracingLapChart
{
    private const double TimeUnit = 10_000.0;   // session_time and lap_time are in 1/10,000 s
    private const int FlagPitted = 0x2, FlagBlack = 0x8, FlagOffTrack = 0x4, FlagContact = 0x20, FlagCarContact = 0x40,
        FlagLostControl = 0x80, FlagTow = 0x800;
    /// <summary>Pit-lane transit at pit speed that a stop costs on top of the standstill, s (an estimate).</summary>
    private const double LaneTransit = 25;

    private sealed class CarRow
    {
        public required string Number;
        public string Name = "";
        public long CustId;
        public List<(int Lap, double Time, double LapTime, int Flags, string[] Events, int Position)> Laps = [];
    }

    public static RaceTiming Read(string path)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InputException.ForFile(path, $"cannot read it ({e.Message}).");
        }
        catch (JsonException e)
        {
            throw InputException.ForFile(path, $"is not JSON ({e.Message}); expected an iRacing lap chart (*_lap_chart.json).");
        }
        var cars = new Dictionary<string, CarRow>(StringComparer.Ordinal);
        var order = new List<CarRow>();
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("lap_chart", out var inner)) root = inner;
            if (root.ValueKind != JsonValueKind.Array)
                throw InputException.ForFile(path, "is not an iRacing lap chart (expected an array of {car_number, lap_number, session_time, ...}); WEC timing is a .csv.");
            foreach (var x in root.EnumerateArray())
            {
                if (!x.TryGetProperty("car_number", out var cn) || !x.TryGetProperty("lap_number", out var ln) || !x.TryGetProperty("session_time", out var st))
                    throw InputException.ForFile(path, "has a lap without car_number, lap_number or session_time; expected an iRacing lap chart.");
                string number = cn.ValueKind == JsonValueKind.String ? cn.GetString()! : cn.GetRawText();
                if (!cars.TryGetValue(number, out var car))
                {
                    car = new CarRow
                    {
                        Number = number,
                        Name = x.TryGetProperty("display_name", out var dn) && dn.ValueKind == JsonValueKind.String ? dn.GetString()! : "",
                        CustId = x.TryGetProperty("cust_id", out var ci) && ci.TryGetInt64(out long id) ? id : 0,
                    };
                    cars.Add(number, car);
                    order.Add(car);
                }
                var events = new List<string>();
                if (x.TryGetProperty("lap_events", out var le) && le.ValueKind == JsonValueKind.Array)
                    foreach (var ev in le.EnumerateArray()) if (ev.ValueKind == JsonValueKind.String) events.Add(ev.GetString()!);
                car.Laps.Add((ln.GetInt32(), st.GetDouble() / TimeUnit,
                    x.TryGetProperty("lap_time", out var lt) && lt.ValueKind == JsonValueKind.Number ? lt.GetDouble() / TimeUnit : -1,
                    x.TryGetProperty("flags", out var fl) && fl.TryGetInt32(out int flags) ? flags : 0,
                    [.. events],
                    x.TryGetProperty("lap_position", out var lp) && lp.TryGetInt32(out int pos) ? pos : 0));
            }
        }
        if (order.Count == 0) throw InputException.ForFile(path, "has no laps.");

        // Race start: the first car's lap-0 time (the field crosses within milliseconds at a rolling start).
        double start = double.MaxValue;
        foreach (var car in order) foreach (var lap in car.Laps) if (lap.Lap == 0) start = Math.Min(start, lap.Time);
        if (start == double.MaxValue)
        {
            start = double.MaxValue;
            foreach (var car in order) foreach (var lap in car.Laps) start = Math.Min(start, lap.Time - Math.Max(0, lap.LapTime));
        }

        string stem = Path.GetFileName(path);
        string prefix = stem.EndsWith("_lap_chart.json", StringComparison.OrdinalIgnoreCase) ? stem[..^"_lap_chart.json".Length] : Path.GetFileNameWithoutExtension(path);
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var results = ReadResults(Path.Combine(dir, prefix + "_result.json"));
        var penalties = ReadPenalties(Path.Combine(dir, prefix + "_event_log.json"));

        var entries = new List<RaceEntry>();
        foreach (var car in order)
        {
            car.Laps.Sort((a, b) => a.Lap.CompareTo(b.Lap));
            results.Drivers.TryGetValue(car.CustId, out var res);
            var entry = new RaceEntry
            {
                Number = car.Number,
                ClassName = res.ClassName ?? results.DefaultClass ?? "Race",
                Team = car.Name,
                Driver = car.Name,
                Car = res.CarName ?? "",
            };
            entry.GridPosition = res.Grid > 0 ? res.Grid : GridFromLapZero(car);
            entry.ResultPosition = res.Finish;
            BuildLaps(car, entry, start, penalties);
            entries.Add(entry);
        }

        int lapLimit = 0;
        foreach (var e in entries) if (e.Finished) lapLimit = Math.Max(lapLimit, e.Laps.Count);
        var (trackName, display) = TimingText.Track(results.TrackName ?? prefix, prefix);
        return new RaceTiming
        {
            EventName = results.EventName ?? prefix,
            TrackName = trackName,
            TrackDisplayName = results.TrackName ?? display,
            TrackConfigName = results.TrackConfig ?? "",
            TrackLengthM = KnownLength(trackName),
            LapLimit = lapLimit,
            SectorStarts = [],
            Entries = entries,
            SourceKind = "iRacing lap chart",
        };
    }

    private static int GridFromLapZero(CarRow car)
    {
        foreach (var lap in car.Laps) if (lap.Lap == 0 && lap.Position > 0) return lap.Position;
        return 0;
    }

    private static void BuildLaps(CarRow car, RaceEntry entry, double start, List<(string Number, double From, double To)> penalties)
    {
        var rows = car.Laps.FindAll(l => l.Lap > 0);
        var clean = new List<double>();
        foreach (var r in rows) if (r.LapTime > 0 && (r.Flags & (FlagPitted | FlagTow)) == 0 && r.Lap > 1) clean.Add(r.LapTime);
        clean.Sort();
        double typical = clean.Count > 0 ? clean[clean.Count / 2] : 0;
        double prevEnd = 0;
        for (int k = 0; k < rows.Count; k++)
        {
            var r = rows[k];
            double end = r.Time - start;
            double lapTime = r.LapTime > 0 ? r.LapTime : end - prevEnd;
            var marks = LapMarks.None;
            bool pitted = (r.Flags & FlagPitted) != 0 || Array.IndexOf(r.Events, "pitted") >= 0;
            bool tow = (r.Flags & FlagTow) != 0 || Array.IndexOf(r.Events, "tow") >= 0;
            bool prevPitted = k > 0 && ((rows[k - 1].Flags & FlagPitted) != 0) && (rows[k - 1].Flags & FlagTow) == 0;
            if (tow) marks |= LapMarks.Tow;
            else if (pitted && !prevPitted) marks |= LapMarks.EndsInPit;
            if ((r.Flags & FlagBlack) != 0 || Array.IndexOf(r.Events, "black flag") >= 0) marks |= LapMarks.BlackFlag;
            if ((r.Flags & (FlagOffTrack | FlagContact | FlagCarContact | FlagLostControl)) != 0) marks |= LapMarks.Incident;
            foreach (string ev in r.Events) if (ev.Contains("meatball", StringComparison.OrdinalIgnoreCase)) marks |= LapMarks.Meatball;
            if ((marks & LapMarks.BlackFlag) != 0) entry.FlagSpells.Add((prevEnd + 0.5 * (end - prevEnd), end, LapMarks.BlackFlag));
            // The lap after a stop: the lap chart has no pit time; what the lap lost over the car's typical lap plus
            // the lane transit stands in for it (capped to the lap).
            double lane = 0;
            if (k > 0 && entry.Laps.Count > 0 && entry.Laps[^1].EndsInPit)
                lane = Math.Clamp(lapTime - typical + LaneTransit, LaneTransit, 0.8 * lapTime);
            entry.Laps.Add(new TimedLap(r.Lap, end, lapTime, double.NaN, double.NaN, double.NaN, lane,
                (r.Flags & 0x4000) != 0 ? RaceFlag.Finish : RaceFlag.Green, marks));
            prevEnd = end;
        }
        foreach (var (number, from, to) in penalties)
            if (number == car.Number) entry.FlagSpells.Add((from - start, to - start, LapMarks.Meatball));
    }

    /// <summary>Lap lengths of the circuits the Data API files name; unknown ones get a typical 5 km (it only
    /// scales the made-up speed).</summary>
    private static double KnownLength(string trackName) => trackName switch
    {
        "nurburgring gp" => 5148,
        "spa up" => 7004,
        "lemans full" => 13626,
        "fuji gp" => 4563,
        _ => 5000,
    };

    private readonly record struct DriverResult(string? CarName, string? ClassName, int Grid, int Finish);

    private sealed class Results
    {
        public Dictionary<long, DriverResult> Drivers { get; } = [];
        public string? TrackName, TrackConfig, EventName, DefaultClass;
    }

    private static Results ReadResults(string path)
    {
        var r = new Results();
        if (!File.Exists(path)) return r;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.TryGetProperty("track", out var track))
            {
                if (track.TryGetProperty("track_name", out var tn)) r.TrackName = tn.GetString();
                if (track.TryGetProperty("config_name", out var cn)) r.TrackConfig = cn.GetString();
            }
            if (root.TryGetProperty("series_name", out var sn)) r.EventName = sn.GetString();
            if (!root.TryGetProperty("session_results", out var sessions)) return r;
            foreach (var s in sessions.EnumerateArray())
            {
                bool race = s.TryGetProperty("simsession_type_name", out var type) && type.GetString() == "Race";
                if (!race || !s.TryGetProperty("results", out var list)) continue;
                foreach (var d in list.EnumerateArray())
                {
                    long id = d.TryGetProperty("cust_id", out var ci) && ci.TryGetInt64(out long v) ? v : 0;
                    string? cls = d.TryGetProperty("car_class_short_name", out var cc) ? cc.GetString() : null;
                    r.DefaultClass ??= cls;
                    r.Drivers[id] = new DriverResult(
                        d.TryGetProperty("car_name", out var car) ? car.GetString() : null,
                        cls,
                        d.TryGetProperty("starting_position", out var sp) && sp.TryGetInt32(out int grid) ? grid + 1 : 0,
                        d.TryGetProperty("finish_position", out var fp) && fp.TryGetInt32(out int fin) ? fin + 1 : 0);
                }
            }
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or KeyNotFoundException)
        {
            // The lap chart alone is enough: a damaged results file only loses car names and classes.
        }
        return r;
    }

    /// <summary>Each car's penalty spells from the event log: "Penalty Applied" (e.g. repairs needed: the meatball)
    /// until "Penalty Cleared", in session seconds; one never cleared lasts to the end.</summary>
    private static List<(string Number, double From, double To)> ReadPenalties(string path)
    {
        var set = new List<(string Number, double From, double To)>();
        if (!File.Exists(path)) return set;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return set;
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                string what = e.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
                if (what is not ("Penalty Applied" or "Penalty Cleared")) continue;
                string msg = e.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
                int hash = msg.LastIndexOf('#');
                if (hash < 0 || !e.TryGetProperty("session_time", out var st) || st.ValueKind != JsonValueKind.Number) continue;
                double time = st.GetDouble() / TimeUnit;
                int space = msg.IndexOf(' ', hash);
                string number = space > hash ? msg[(hash + 1)..space] : msg[(hash + 1)..];
                if (what == "Penalty Applied") set.Add((number, time, double.PositiveInfinity));
                else
                {
                    int open = set.FindLastIndex(p => p.Number == number && double.IsPositiveInfinity(p.To));
                    if (open >= 0) set[open] = set[open] with { To = time };
                }
            }
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
        {
        }
        return set;
    }
}
