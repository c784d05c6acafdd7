using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace CrewChief.Logging;

/// <summary>
/// Turns session logs into fine-tuning records {instruction, input, output}: input is the snapshot (the
/// 'crewchief eval' schema, as compact JSON text) of the last sample before the callout, output is what the
/// engineer said. Only grounded callouts that were actually played are exported: training on fallbacks or
/// interrupted lines would teach the model the wrong thing.
/// </summary>
public static class TrainingExport
{
    public const string Instruction =
        "You are a calm, sharp race engineer talking to your driver on the radio during an iRacing race. " +
        "From the telemetry snapshot, speak to the single most important thing in one or two short sentences " +
        "(at most 25 words), with one concrete action. Use only numbers, positions and corners present in the snapshot.";

    /// <summary>Writes one JSON line per exported callout to <paramref name="output"/>; returns how many.</summary>
    public static int Export(IEnumerable<string> logFiles, Stream output)
    {
        int written = 0;
        using var json = new Utf8JsonWriter(output);
        foreach (string file in logFiles)
        {
            if (!File.Exists(file)) throw InputException.ForFile(file, "no such session log.");
            JsonElement? header = null;
            JsonElement? sample = null;
            int lineNo = 0;
            using var stream = OpenLog(file);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (reader.ReadLine() is { } line)
            {
                lineNo++;
                if (line.Length == 0) continue;
                JsonDocument doc;
                try
                {
                    doc = JsonDocument.Parse(line);
                }
                catch (JsonException)
                {
                    // A log cut off by a crash ends in a partial line; everything before it is still good.
                    Console.Error.WriteLine($"crewchief: {file}:{lineNo}: unreadable line skipped.");
                    continue;
                }
                var root = doc.RootElement;
                string? type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
                switch (type)
                {
                    case "session": header = root.Clone(); break;
                    case "sample": sample = root.Clone(); break;
                    case "utterance" when sample is not null && IsTrainable(root):
                        WriteRecord(json, header, sample.Value, root.GetProperty("text").GetString() ?? "");
                        json.Flush();
                        json.Reset();
                        output.WriteByte((byte)'\n');
                        written++;
                        break;
                }
                doc.Dispose();
            }
        }
        return written;
    }

    private static Stream OpenLog(string file)
    {
        var fs = File.OpenRead(file);
        return file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(fs, CompressionMode.Decompress) : fs;
    }

    private static bool IsTrainable(JsonElement u)
    {
        string outcome = u.TryGetProperty("outcome", out var o) ? o.GetString() ?? "" : "";
        string guard = u.TryGetProperty("guard", out var g) ? g.GetString() ?? "" : "";
        string priority = u.TryGetProperty("priority", out var p) ? p.GetString() ?? "" : "";
        // Spotter calls are reflexes, not engineering: leave them out of the training data.
        return (outcome is "played" or "text-only") && !guard.StartsWith("fallback", StringComparison.Ordinal) && priority != "Spotter";
    }

    private static void WriteRecord(Utf8JsonWriter w, JsonElement? header, JsonElement sample, string output)
    {
        w.WriteStartObject();
        w.WriteString("instruction", Instruction);
        w.WriteString("input", SnapshotText(header, sample));
        w.WriteString("output", output);
        w.WriteEndObject();
    }

    /// <summary>The eval snapshot schema as compact JSON text.</summary>
    public static string SnapshotText(JsonElement? header, JsonElement sample)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (header is { } h)
            {
                Copy(w, h, "car"); Copy(w, h, "car_class");
                if (h.TryGetProperty("car_traits", out var traits)) { w.WritePropertyName("car_traits"); traits.WriteTo(w); }
                Copy(w, h, "track"); Copy(w, h, "track_type");
            }
            foreach (string key in (ReadOnlySpan<string>)["lap", "lap_pct", "position", "fuel_laps_remaining", "tire_wear", "tire_temps",
                         "gap_ahead", "gap_behind", "last_lap_time", "best_lap_time", "session_laps_remain", "incident_count", "track_temp_c"])
                Copy(w, sample, key);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Copy(Utf8JsonWriter w, JsonElement from, string key)
    {
        if (!from.TryGetProperty(key, out var v)) return;
        w.WritePropertyName(key);
        v.WriteTo(w);
    }
}
