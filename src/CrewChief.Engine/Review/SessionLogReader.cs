using System.IO.Compression;
using System.Text.Json;

namespace CrewChief.Review;

/// <summary>
/// Reads a session log (gzip JSONL, Logging/SessionLog) into <see cref="ReviewData"/>. Tolerant by design: a
/// truncated gzip stream or a torn last line keeps everything before it, unknown record types are skipped, and a
/// log from before lap records existed gets its laps from the samples.
/// </summary>
public static class SessionLogReader
{
    public static ReviewData Read(string path)
    {
        if (!File.Exists(path)) throw InputException.ForFile(path, "no such session log; logs are written to the log folder (engine.log_dir).");
        var data = new ReviewData { Source = Path.GetFileName(path) };
        int lines = 0;
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var counted = new CountingStream(gzip);
            using var reader = new StreamReader(counted);
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (line.Length == 0) continue;
                JsonDocument doc;
                try
                {
                    doc = JsonDocument.Parse(line);
                }
                catch (JsonException)
                {
                    data.Truncated = true;
                    continue;
                }
                using (doc) Add(data, doc.RootElement);
                lines++;
            }
            // A log cut off mid-write (a crash, a copy taken while racing) often ends at one of the writer's flush
            // points, so it decompresses without an error: the gzip trailer's length is what tells.
            if (!TrailerMatches(path, counted.Count)) data.Truncated = true;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            if (lines == 0) throw InputException.ForFile(path, $"not a readable session log ({e.Message}); give a logs/*.jsonl.gz file.");
            data.Truncated = true;
        }
        if (lines == 0) throw InputException.ForFile(path, "the session log is empty.");
        if (data.Laps.Count == 0) DeriveLaps(data);
        return data;
    }

    private static void Add(ReviewData d, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) return;
        switch (Str(e, "type"))
        {
            case "session":
                d.Track = Str(e, "track"); d.Car = Str(e, "car"); d.SessionType = Str(e, "session_type"); d.Started = Str(e, "started");
                break;
            case "sample":
                // A log that spans sessions (practice, then the race): the review is of the last one.
                if (d.Samples.Count > 0 && Num(e, "t") < d.Samples[^1].T - 5) d.StartOver();
                e.TryGetProperty("tire_wear", out var wear);
                d.Samples.Add(new ReviewSample(Num(e, "t"), Int(e, "lap"), Int(e, "position"), Num(e, "fuel_l"), Num(e, "gap_ahead"), Num(e, "gap_behind"),
                    Num(wear, "fl"), Num(wear, "fr"), Num(wear, "rl"), Num(wear, "rr"), Int(e, "incident_count"), Bool(e, "on_pit_road")));
                break;
            case "lap":
                int flags = Int(e, "flags");
                d.Laps.Add(new ReviewLap(Int(e, "lap"), Num(e, "t"), Num(e, "time_s"), Num(e, "fuel_used_l"), Num(e, "fuel_estimate_l"),
                    Bool(e, "clean"), (flags & 3) != 0, Int(e, "class_position"), Num(e, "gap_ahead"), Num(e, "gap_behind")));
                break;
            case "pit_stop":
                d.PitStops.Add((Num(e, "t"), Num(e, "pit_loss_s")));
                break;
            case "tyre_measured":
                e.TryGetProperty("tire_wear", out var measured);
                d.TyreMeasurements.Add(new ReviewTyreMeasurement(Num(e, "t"), Num(measured, "fl"), Num(measured, "fr"), Num(measured, "rl"), Num(measured, "rr")));
                break;
            case "event":
                d.Events.Add(new ReviewEvent(Num(e, "t"), Str(e, "kind"), Str(e, "priority")));
                break;
            case "utterance":
                d.Callouts.Add(new ReviewCallout(Num(e, "t"), Str(e, "kind"), Str(e, "priority"), Str(e, "text"), Str(e, "source"),
                    Str(e, "guard"), Str(e, "outcome"), Num(e, "total_ms"), e.TryGetProperty("llm_note", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null));
                break;
        }
    }

    /// <summary>
    /// An older log has no lap records: a lap ends where the sample's lap number goes up; its time is the sim's
    /// last-lap time reported after the line, its fuel the drop between the two crossings (not across a stop).
    /// </summary>
    private static void DeriveLaps(ReviewData d)
    {
        var s = d.Samples;
        int start = -1;
        for (int i = 1; i < s.Count; i++)
        {
            if (s[i].Lap != s[i - 1].Lap + 1) continue;
            if (start >= 0)
            {
                bool pit = false;
                for (int k = start; k <= i; k++) pit |= s[k].OnPitRoad;
                double fuel = pit ? double.NaN : s[start].Fuel - s[i].Fuel;
                d.Laps.Add(new ReviewLap(s[i - 1].Lap, s[i].T, double.NaN, fuel, double.NaN, !pit, pit, s[i].Position, s[i].GapAhead, s[i].GapBehind));
            }
            start = i;
        }
        d.LapsDerived = d.Laps.Count > 0;
    }

    /// <summary>The gzip trailer's ISIZE (the uncompressed length mod 2^32) matches what was read.</summary>
    private static bool TrailerMatches(string path, long decompressed)
    {
        using var f = File.OpenRead(path);
        if (f.Length < 18) return false;
        Span<byte> tail = stackalloc byte[4];
        f.Seek(-4, SeekOrigin.End);
        f.ReadExactly(tail);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(tail) == (uint)decompressed;
    }

    /// <summary>Counts the bytes read through it (the decompressed length, for the trailer check).</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }
        public override int Read(byte[] buffer, int offset, int count) { int n = inner.Read(buffer, offset, count); Count += n; return n; }
        public override int Read(Span<byte> buffer) { int n = inner.Read(buffer); Count += n; return n; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }

    private static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static double Num(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;

    private static int Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : 0;

    private static bool Bool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
