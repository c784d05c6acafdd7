using System.Globalization;
using System.Text;
using System.Text.Json;
using CrewChief.Telemetry;

namespace CrewChief.Races;

/// <summary>
/// A live iRacing recording in NDJSON — each line <c>{"_metadata", "telemetry": {VAR: value or [64 values]},
/// "session_info": {parsed YAML}}</c>, about one sample a second — played back sample by sample into the live
/// map, so the engine reads the real CarIdx arrays, flags, tows and pace car exactly as the sim wrote them.
/// Nothing is made up: a variable the recording lacks reads as the sim's "none" (0, or -1 in the CarIdx arrays),
/// and the session info is written back as live-map YAML whenever it changed.
/// </summary>
public sealed class NdjsonRecording : IReplayedSession
{
    private readonly List<TelemetryFrame> _samples = [];
    private readonly List<int> _yamlIndex = [];
    private readonly List<string> _yamls = [];
    private readonly Dictionary<int, string> _carNumbers = [];
    private int _next;

    public NdjsonRecording(string path)
    {
        if (!File.Exists(path)) throw InputException.ForFile(path, "file not found; give a live NDJSON recording (one JSON object a line).");
        string? lastInfo = null;
        int lineNo = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(line); }
            catch (JsonException e)
            {
                // A recording cut off mid-line keeps what came before.
                if (_samples.Count > 0) break;
                throw InputException.ForFile(path, $"line {lineNo} is not JSON ({e.Message}); expected one {{\"telemetry\", \"session_info\"}} object a line.");
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("telemetry", out var tel) || tel.ValueKind != JsonValueKind.Object)
                    throw InputException.ForFile(path, $"line {lineNo} has no \"telemetry\" object; expected a live NDJSON recording.");
                var frame = new TelemetryFrame();
                Decode(tel, frame);
                if (tel.TryGetProperty("PitsOpen", out _)) KnowsPitsOpen = true;
                if (root.TryGetProperty("session_info", out var si) && si.ValueKind == JsonValueKind.Object)
                {
                    string raw = si.GetRawText();
                    if (raw != lastInfo)
                    {
                        lastInfo = raw;
                        _yamls.Add(ToYaml(si));
                        ReadCarNumbers(si);
                    }
                }
                if (_yamls.Count == 0) _yamls.Add("---\n...\n");
                _samples.Add(frame);
                _yamlIndex.Add(_yamls.Count - 1);
            }
        }
        if (_samples.Count == 0) throw InputException.ForFile(path, "has no samples.");
        var deltas = new List<double>();
        for (int i = 1; i < _samples.Count; i++) deltas.Add(_samples[i].SessionTime - _samples[i - 1].SessionTime);
        deltas.Sort();
        StepSeconds = deltas.Count > 0 && deltas[deltas.Count / 2] > 0 ? deltas[deltas.Count / 2] : 1.0;
        RaceStartSessionTime = _samples[0].SessionTime;
        foreach (var s in _samples)
            if (s.SessionState == SessionState.Racing) { RaceStartSessionTime = s.SessionTime; break; }
        TrackDisplayName = TrackFrom(_yamls[0]);
        Description = $"live recording {Path.GetFileName(path)} ({_samples.Count} samples, {StepSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s apart)";
    }

    public TelemetryFrame Frame { get; } = new();
    public double StepSeconds { get; }
    public int SessionInfoVersion => _next == 0 ? 0 : _yamlIndex[_next - 1] + 1;
    public double RaceStartSessionTime { get; }
    public string Description { get; }
    public string TrackDisplayName { get; }
    /// <summary>The dump carries iRacing's PitsOpen (the live variable set has it).</summary>
    public bool KnowsPitsOpen { get; }
    public int SampleCount => _samples.Count;

    public bool Step()
    {
        if (_next >= _samples.Count) return false;
        Frame.CopyFrom(_samples[_next]);
        _next++;
        return true;
    }

    public string BuildSessionInfoYaml() => _yamls[_next == 0 ? 0 : _yamlIndex[_next - 1]];

    public string? CarNumberAt(int carIdx) => _carNumbers.TryGetValue(carIdx, out string? n) ? n : null;

    private void ReadCarNumbers(JsonElement si)
    {
        if (!si.TryGetProperty("DriverInfo", out var di) || !di.TryGetProperty("Drivers", out var drivers) || drivers.ValueKind != JsonValueKind.Array) return;
        foreach (var d in drivers.EnumerateArray())
            if (d.TryGetProperty("CarIdx", out var ci) && ci.TryGetInt32(out int idx) && d.TryGetProperty("CarNumber", out var cn))
                _carNumbers[idx] = cn.ValueKind == JsonValueKind.String ? cn.GetString()! : cn.GetRawText();
    }

    private static string TrackFrom(string yaml)
    {
        int at = yaml.IndexOf(" TrackDisplayName: ", StringComparison.Ordinal);
        if (at < 0) return "";
        int start = at + " TrackDisplayName: ".Length, end = yaml.IndexOf('\n', start);
        return end < 0 ? yaml[start..] : yaml[start..end];
    }

    // ---- telemetry ----

    private static void Decode(JsonElement t, TelemetryFrame f)
    {
        f.Available = (TelemetryChannels)uint.MaxValue;   // the map the host writes has every variable
        f.SessionTime = Num(t, "SessionTime");
        f.SessionTick = Int(t, "SessionTick");
        f.SessionNum = Int(t, "SessionNum");
        f.SessionState = (SessionState)Int(t, "SessionState");
        f.SessionFlags = (SessionFlags)(uint)(long)Num(t, "SessionFlags");
        f.PitsOpen = Bool(t, "PitsOpen");
        f.SessionTimeRemain = Num(t, "SessionTimeRemain");
        f.SessionLapsRemainEx = Int(t, "SessionLapsRemainEx");
        f.IsOnTrack = Bool(t, "IsOnTrack");
        f.IsOnTrackCar = Bool(t, "IsOnTrackCar");
        f.PlayerTrackSurface = (TrackSurface)Int(t, "PlayerTrackSurface", -1);
        f.PlayerCarIdx = Int(t, "PlayerCarIdx");
        f.PlayerCarPosition = Int(t, "PlayerCarPosition");
        f.PlayerCarClassPosition = Int(t, "PlayerCarClassPosition");
        f.PlayerCarMyIncidentCount = Int(t, "PlayerCarMyIncidentCount");
        f.Lap = Int(t, "Lap");
        f.LapCompleted = Int(t, "LapCompleted");
        f.LapDist = (float)Num(t, "LapDist");
        f.LapDistPct = (float)Num(t, "LapDistPct");
        f.LapCurrentLapTime = (float)Num(t, "LapCurrentLapTime");
        f.LapLastLapTime = (float)Num(t, "LapLastLapTime");
        f.LapBestLapTime = (float)Num(t, "LapBestLapTime");
        f.LapDeltaToBestLap = (float)Num(t, "LapDeltaToBestLap");
        f.Speed = (float)Num(t, "Speed");
        f.Rpm = (float)Num(t, "RPM");
        f.Gear = Int(t, "Gear");
        f.Throttle = (float)Num(t, "Throttle");
        f.Brake = (float)Num(t, "Brake");
        f.SteeringWheelAngle = (float)Num(t, "SteeringWheelAngle");
        f.LatAccel = (float)Num(t, "LatAccel");
        f.LongAccel = (float)Num(t, "LongAccel");
        f.VertAccel = (float)Num(t, "VertAccel");
        f.FuelLevel = (float)Num(t, "FuelLevel");
        f.FuelLevelPct = (float)Num(t, "FuelLevelPct");
        f.FuelUsePerHour = (float)Num(t, "FuelUsePerHour");
        f.OnPitRoad = Bool(t, "OnPitRoad");
        f.EngineWarnings = (EngineWarnings)(uint)Int(t, "EngineWarnings");
        f.CarLeftRight = (CarLeftRight)Int(t, "CarLeftRight");
        f.AirTemp = (float)Num(t, "AirTemp");
        f.TrackTemp = (float)Num(t, t.TryGetProperty("TrackTempCrew", out _) ? "TrackTempCrew" : "TrackTemp");
        ReadOnlySpan<string> corners = ["LF", "RF", "LR", "RR"];   // TyreCorner order
        for (int c = 0; c < 4; c++)
            for (int i = 0; i < 3; i++)
            {
                f.TyreTemp[c * 3 + i] = (float)Num(t, $"{corners[c]}tempC{"LMR"[i]}");
                f.TyreWear[c * 3 + i] = (float)Num(t, $"{corners[c]}wear{"LMR"[i]}");
            }
        Ints(t, "CarIdxLap", f.CarIdxLap, -1);
        Ints(t, "CarIdxLapCompleted", f.CarIdxLapCompleted, -1);
        Floats(t, "CarIdxLapDistPct", f.CarIdxLapDistPct, -1);
        Ints(t, "CarIdxPosition", f.CarIdxPosition, 0);
        Ints(t, "CarIdxClassPosition", f.CarIdxClassPosition, 0);
        Ints(t, "CarIdxClass", f.CarIdxClass, -1);
        Floats(t, "CarIdxEstTime", f.CarIdxEstTime, 0);
        Floats(t, "CarIdxF2Time", f.CarIdxF2Time, 0);
        Floats(t, "CarIdxLastLapTime", f.CarIdxLastLapTime, -1);
        Floats(t, "CarIdxBestLapTime", f.CarIdxBestLapTime, -1);
        var surfaces = new int[TelemetryFrame.MaxCars];
        Ints(t, "CarIdxTrackSurface", surfaces, -1);
        for (int i = 0; i < surfaces.Length; i++) f.CarIdxTrackSurface[i] = (TrackSurface)surfaces[i];
        if (t.TryGetProperty("CarIdxOnPitRoad", out var pits) && pits.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var v in pits.EnumerateArray()) { if (i >= TelemetryFrame.MaxCars) break; f.CarIdxOnPitRoad[i++] = AsBool(v); }
        }
    }

    private static double Num(JsonElement t, string name, double fallback = 0) =>
        t.TryGetProperty(name, out var v) ? AsNumber(v, fallback) : fallback;

    private static int Int(JsonElement t, string name, int fallback = 0) => (int)Num(t, name, fallback);

    private static bool Bool(JsonElement t, string name) => t.TryGetProperty(name, out var v) && AsBool(v);

    private static double AsNumber(JsonElement v, double fallback) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => fallback,
    };

    private static bool AsBool(JsonElement v) => v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.Number && v.GetDouble() != 0);

    private static void Ints(JsonElement t, string name, int[] into, int fallback)
    {
        Array.Fill(into, fallback);
        if (!t.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array) return;
        int i = 0;
        foreach (var v in a.EnumerateArray()) { if (i >= into.Length) break; into[i++] = (int)AsNumber(v, fallback); }
    }

    private static void Floats(JsonElement t, string name, float[] into, float fallback)
    {
        Array.Fill(into, fallback);
        if (!t.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array) return;
        int i = 0;
        foreach (var v in a.EnumerateArray()) { if (i >= into.Length) break; into[i++] = (float)AsNumber(v, fallback); }
    }

    // ---- session info ----

    /// <summary>
    /// The parsed session info back as the live map's YAML: one space per level, list items ("- ") at the key's
    /// indentation with their keys two further in, strings that look like numbers quoted (as iRacing quotes car
    /// numbers), null as an empty value.
    /// </summary>
    internal static string ToYaml(JsonElement info)
    {
        var sb = new StringBuilder(64 * 1024);
        sb.Append("---\n");
        foreach (var p in info.EnumerateObject())
        {
            WriteMember(sb, "", p.Name, p.Value);
            sb.Append('\n');
        }
        sb.Append("...\n");
        return sb.ToString();
    }

    private static void WriteMember(StringBuilder sb, string indent, string key, JsonElement value)
    {
        sb.Append(indent).Append(key).Append(':');
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                sb.Append('\n');
                foreach (var p in value.EnumerateObject()) WriteMember(sb, indent + " ", p.Name, p.Value);
                break;
            case JsonValueKind.Array:
                sb.Append('\n');
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        bool first = true;
                        foreach (var p in item.EnumerateObject())
                        {
                            string itemIndent = indent + "  ";
                            if (first) { sb.Append(indent).Append("- "); WriteMember(sb, "", p.Name, p.Value, itemIndent); first = false; }
                            else WriteMember(sb, itemIndent, p.Name, p.Value);
                        }
                        if (first) sb.Append(indent).Append("- {}\n");
                    }
                    else sb.Append(indent).Append("- ").Append(Scalar(item)).Append('\n');
                }
                break;
            default:
                string s = Scalar(value);
                if (s.Length > 0) sb.Append(' ').Append(s);
                sb.Append('\n');
                break;
        }
    }

    /// <summary>The first key of a list item sits after "- "; its children indent from the item's key column.</summary>
    private static void WriteMember(StringBuilder sb, string indent, string key, JsonElement value, string childIndent)
    {
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            sb.Append(key).Append(":\n");
            if (value.ValueKind == JsonValueKind.Object)
                foreach (var p in value.EnumerateObject()) WriteMember(sb, childIndent + " ", p.Name, p.Value);
            else
            {
                // Re-use the array path with the item's key column as the indentation.
                var tmp = new StringBuilder();
                WriteMember(tmp, childIndent, key, value);
                string text = tmp.ToString();
                sb.Append(text[(text.IndexOf('\n') + 1)..]);
            }
            return;
        }
        WriteMember(sb, indent, key, value);
    }

    private static string Scalar(JsonElement v)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                string s = v.GetString() ?? "";
                s = s.Replace('\n', ' ').Replace('\r', ' ');
                bool numeric = s.Length > 0 && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                return numeric || s.Length == 0 ? "\"" + s + "\"" : s;
            case JsonValueKind.True: return "1";
            case JsonValueKind.False: return "0";
            case JsonValueKind.Null: return "";
            default: return v.GetRawText();
        }
    }
}
