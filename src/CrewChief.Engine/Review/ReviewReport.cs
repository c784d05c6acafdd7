using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CrewChief.Review;

/// <summary>
/// The post-session review: one self-contained HTML file (opens offline) with uPlot and its CSS inlined, the
/// session's data as JSON, and the page script that draws lap times, fuel against the model's estimate, gaps and
/// position, tyre estimate against measurements, and a timeline of flags, incidents and every callout with its
/// latency. uPlot is embedded into the assembly at build time from the pinned npm package (scripts/natives-uplot.sh).
/// </summary>
public static class ReviewReport
{
    private const string UplotJs = "CrewChief.Review.uPlot.iife.min.js";
    private const string UplotCss = "CrewChief.Review.uPlot.min.css";

    /// <summary>False when this build has no uPlot inside (scripts/setup.sh was not run before building).</summary>
    public static bool HasCharts => typeof(ReviewReport).Assembly.GetManifestResourceInfo(UplotJs) is not null;

    public static void Write(ReviewData data, Stream output)
    {
        if (!HasCharts)
            throw new InputException("this build has no charting library inside: run 'bash scripts/setup.sh' (it fetches uPlot), then build again.");
        string template = Resource("CrewChief.Review.Page.review.html");
        string html = template
            .Replace("/*UPLOT_CSS*/", Resource(UplotCss), StringComparison.Ordinal)
            .Replace("/*UPLOT_JS*/", Resource(UplotJs), StringComparison.Ordinal)
            .Replace("/*REVIEW_DATA*/", Json(data), StringComparison.Ordinal)
            .Replace("{{TITLE}}", System.Net.WebUtility.HtmlEncode(Title(data)), StringComparison.Ordinal);
        output.Write(Encoding.UTF8.GetBytes(html));
    }

    private static string Title(ReviewData d) =>
        $"{(d.Car.Length > 0 ? d.Car : "car")} at {(d.Track.Length > 0 ? d.Track : "track")} — {(d.SessionType.Length > 0 ? d.SessionType : "session")}";

    /// <summary>The data as columns (uPlot's shape): one array per series, null where there is no value.</summary>
    public static string Json(ReviewData d)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("meta");
            w.WriteString("source", d.Source);
            w.WriteString("track", d.Track);
            w.WriteString("car", d.Car);
            w.WriteString("session", d.SessionType);
            w.WriteString("started", d.Started);
            w.WriteBoolean("truncated", d.Truncated);
            w.WriteBoolean("laps_derived", d.LapsDerived);
            Num(w, "best_lap", d.BestLap);
            w.WriteEndObject();

            w.WriteStartObject("laps");
            Column(w, "lap", d.Laps, l => l.Lap);
            Column(w, "t", d.Laps, l => l.T);
            Column(w, "time", d.Laps, l => l.Time);
            // A pit lap's "fuel used" has the refuel in it (negative); only laps on one tank of fuel are plotted.
            Column(w, "fuel", d.Laps, l => l.Pit || !(l.FuelUsed > 0) ? double.NaN : l.FuelUsed);
            Column(w, "estimate", d.Laps, l => l.FuelEstimate);
            BoolColumn(w, "clean", d.Laps, l => l.Clean);
            BoolColumn(w, "pit", d.Laps, l => l.Pit);
            w.WriteEndObject();

            w.WriteStartObject("samples");
            Column(w, "t", d.Samples, s => s.T);
            Column(w, "position", d.Samples, s => s.Position > 0 ? s.Position : double.NaN);
            Column(w, "fuel", d.Samples, s => s.Fuel);
            Column(w, "gap_ahead", d.Samples, s => s.GapAhead);
            Column(w, "gap_behind", d.Samples, s => s.GapBehind);
            Column(w, "fl", d.Samples, s => s.WearFl);
            Column(w, "fr", d.Samples, s => s.WearFr);
            Column(w, "rl", d.Samples, s => s.WearRl);
            Column(w, "rr", d.Samples, s => s.WearRr);
            Column(w, "incidents", d.Samples, s => s.Incidents);
            BoolColumn(w, "pit", d.Samples, s => s.OnPitRoad);
            w.WriteEndObject();

            w.WriteStartObject("tyres");
            Column(w, "t", d.TyreMeasurements, m => m.T);
            Column(w, "fl", d.TyreMeasurements, m => m.Fl);
            Column(w, "fr", d.TyreMeasurements, m => m.Fr);
            Column(w, "rl", d.TyreMeasurements, m => m.Rl);
            Column(w, "rr", d.TyreMeasurements, m => m.Rr);
            w.WriteEndObject();

            w.WriteStartArray("stops");
            foreach (var (t, loss) in d.PitStops)
            {
                w.WriteStartObject();
                Num(w, "t", t);
                Num(w, "loss", loss);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("events");
            foreach (var e in d.Events)
            {
                w.WriteStartObject();
                Num(w, "t", e.T);
                w.WriteString("kind", e.Kind);
                w.WriteString("priority", e.Priority);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("callouts");
            foreach (var c in d.Callouts)
            {
                w.WriteStartObject();
                Num(w, "t", c.T);
                w.WriteString("kind", c.Kind);
                w.WriteString("priority", c.Priority);
                w.WriteString("text", c.Text);
                w.WriteString("source", c.Source);
                w.WriteString("guard", c.Guard);
                w.WriteString("outcome", c.Outcome);
                Num(w, "ms", c.TotalMs);
                if (c.LlmNote is not null) w.WriteString("llm_note", c.LlmNote);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Column<T>(Utf8JsonWriter w, string name, List<T> items, Func<T, double> value)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            double v = value(item);
            if (double.IsFinite(v)) w.WriteNumberValue(Math.Round(v, 3));
            else w.WriteNullValue();
        }
        w.WriteEndArray();
    }

    private static void BoolColumn<T>(Utf8JsonWriter w, string name, List<T> items, Func<T, bool> value)
    {
        w.WriteStartArray(name);
        foreach (var item in items) w.WriteBooleanValue(value(item));
        w.WriteEndArray();
    }

    private static void Num(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, 3));
        else w.WriteNull(name);
    }

    private static string Resource(string name)
    {
        using var stream = typeof(ReviewReport).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is missing from the assembly (build error).");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
