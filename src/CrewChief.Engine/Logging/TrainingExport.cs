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

    /// <summary>
    /// Writes one JSON line per exported callout to <paramref name="output"/>; returns how many. A log that is
    /// corrupt or cut off keeps the records read before the damage and is reported in one line; the export goes
    /// on with the next file. Paths that are not regular files are refused before anything is written.
    /// </summary>
    public static int Export(IEnumerable<string> logFiles, Stream output, TextWriter? notes = null)
    {
        notes ??= Console.Error;
        var files = logFiles as IReadOnlyCollection<string> ?? [.. logFiles];
        foreach (string file in files) InputFiles.RequireRegularFile(file);
        int written = 0;
        using var json = new Utf8JsonWriter(output);
        foreach (string file in files) written += ExportFile(file, json, output, notes);
        return written;
    }

    private static int ExportFile(string file, Utf8JsonWriter json, Stream output, TextWriter notes)
    {
        int written = 0, lineNo = 0, unreadable = 0, firstUnreadable = 0;
        JsonElement? header = null;
        JsonElement? sample = null;
        try
        {
            using var stream = OpenLog(file);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (reader.ReadLine() is { } line)
            {
                lineNo++;
                if (line.Length == 0) continue;
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    var root = doc.RootElement;
                    string? type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                        ? t.GetString() : null;
                    if (type is null) throw new InvalidOperationException("not a log entry");
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
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
                {
                    // A log cut off by a crash ends in a partial line; everything before it is still good.
                    json.Reset();
                    if (unreadable++ == 0) firstUnreadable = lineNo;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            notes.WriteLine($"crewchief: {file}: corrupt or cut off after line {lineNo} ({OneLine(e.Message)}); {written} record(s) kept, the rest skipped.");
            return written;
        }
        if (unreadable > 0)
            notes.WriteLine($"crewchief: {file}: {unreadable} unreadable line(s) skipped (first at line {firstUnreadable}).");
        return written;
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();

    private static Stream OpenLog(string file)
    {
        var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
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
