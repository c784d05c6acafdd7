using System.Text.Json;
using CrewChief.Callouts;

namespace CrewChief.Tools.Eval;

/// <summary>
/// Reads an eval set: JSON Lines (one case per line) or one JSON array. JsonDocument keeps it AOT-safe without
/// a serializer. Bad input becomes an <see cref="InputException"/> naming the file, the case and the fix.
/// </summary>
public static class EvalCaseReader
{
    public static List<EvalCase> ReadFile(string path)
    {
        if (InputFiles.Problem(path) is string problem) throw InputException.ForFile(path, $"{problem}; pass --cases FILE with an eval set (JSON Lines)");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw InputException.ForFile(path, $"cannot read the eval set ({e.Message}); pass --cases FILE");
        }
        return Read(text, path);
    }

    public static List<EvalCase> Read(string text, string source)
    {
        var cases = new List<EvalCase>();
        string trimmed = text.TrimStart();
        try
        {
            if (trimmed.StartsWith('['))
            {
                using var doc = JsonDocument.Parse(text);
                int i = 0;
                foreach (var element in doc.RootElement.EnumerateArray()) cases.Add(ReadCase(element, source, ++i));
            }
            else
            {
                int lineNumber = 0;
                foreach (string line in text.Split('\n'))
                {
                    lineNumber++;
                    if (string.IsNullOrWhiteSpace(line)) continue;
                    try
                    {
                        using var doc = JsonDocument.Parse(line);
                        cases.Add(ReadCase(doc.RootElement, source, lineNumber));
                    }
                    catch (JsonException e)
                    {
                        throw InputException.ForFile(source, $"line {lineNumber} is not valid JSON ({e.Message}); one case per line");
                    }
                }
            }
        }
        catch (JsonException e)
        {
            throw InputException.ForFile(source, $"not valid JSON ({e.Message}); write JSON Lines or one array of cases");
        }
        if (cases.Count == 0) throw InputException.ForFile(source, "no cases; write one JSON object per line");
        return cases;
    }

    private static EvalCase ReadCase(JsonElement e, string source, int index)
    {
        if (e.ValueKind != JsonValueKind.Object) throw InputException.ForFile(source, $"case {index} is not a JSON object");
        var c = new EvalCase
        {
            Name = Str(e, "name") ?? $"case{index}",
            Category = Str(e, "category") ?? "uncategorised",
        };
        c.Urgency = (Str(e, "urgency") ?? "info") switch
        {
            "critical" => EvalUrgency.Critical,
            "warning" => EvalUrgency.Warning,
            "info" => EvalUrgency.Info,
            var u => throw InputException.ForFile(source, $"case '{c.Name}': urgency '{u}' must be critical, warning or info"),
        };
        ReadStrings(e, "must_contain_any", c.MustContainAny);
        ReadStrings(e, "expected_elements", c.ExpectedElements);
        c.ExpectedTopic = Str(e, "expected_topic") ?? "";
        if (c.ExpectedTopic.Length > 0 && !Enum.TryParse<CrewChief.Events.EventKind>(c.ExpectedTopic, out _))
            throw InputException.ForFile(source, $"case '{c.Name}': expected_topic '{c.ExpectedTopic}' is no event kind (e.g. FuelWarning, LapTime)");
        if (!e.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
            throw InputException.ForFile(source, $"case '{c.Name}' has no \"input\" object");
        var s = c.Input;
        s.Car = Str(input, "car") ?? "";
        s.CarClass = Str(input, "car_class") ?? "";
        ReadStrings(input, "car_traits", s.CarTraits);
        s.Track = Str(input, "track") ?? "";
        s.TrackType = Str(input, "track_type") ?? "";
        s.Lap = Int(input, "lap");
        s.LapPct = Num(input, "lap_pct");
        s.Position = Int(input, "position");
        s.FuelLapsRemaining = Num(input, "fuel_laps_remaining");
        s.TyreWear = Quad(input, "tire_wear");
        s.TyreTemps = Quad(input, "tire_temps");
        s.GapAhead = Num(input, "gap_ahead");
        s.GapBehind = Num(input, "gap_behind");
        s.LastLapTime = Num(input, "last_lap_time");
        s.BestLapTime = Num(input, "best_lap_time");
        s.SessionLapsRemain = Int(input, "session_laps_remain");
        s.IncidentCount = Int(input, "incident_count");
        s.TrackTempC = Num(input, "track_temp_c");
        s.TyreSetLaps = Int(input, "tire_set_laps");
        s.FuelTankLaps = Num(input, "fuel_tank_laps");
        return c;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static int? Int(JsonElement e, string name) => Num(e, name) is { } d ? (int)Math.Round(d) : null;

    private static void ReadStrings(JsonElement e, string name, List<string> into)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array) return;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } s) into.Add(s);
        }
    }

    private static TyreQuad? Quad(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Object) return null;
        return new TyreQuad(Num(v, "fl") ?? 0, Num(v, "fr") ?? 0, Num(v, "rl") ?? 0, Num(v, "rr") ?? 0);
    }
}
