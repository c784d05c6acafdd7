using System.Text.Json;
using CrewChief.Events;
using CrewChief.Callouts;

namespace CrewChief.Tools.Eval;

/// <summary>One case run: what was said, how it scored, and why the writer fell back to the draft (null if it did not).</summary>
public sealed record EvalCaseResult(
    EvalCase Case,
    EventKind Kind,
    string Response,
    string Spoken,
    int Words,
    int Score,
    bool Grounded,
    List<string> Problems,
    string? Fallback = null)
{
    /// <summary>What the brain raised that still stood at the snapshot, newest first ("Kind -12s").</summary>
    public List<string> Raised { get; init; } = [];
}

/// <summary>A whole run: per-case results and the summary figures.</summary>
public sealed class EvalReport
{
    public required string Writer { get; init; }
    public required List<EvalCaseResult> Cases { get; init; }

    public double AverageScore
    {
        get
        {
            if (Cases.Count == 0) return 0;
            double sum = 0;
            foreach (var r in Cases) sum += r.Score;
            return sum / Cases.Count;
        }
    }

    public int Ungrounded => Count(static r => !r.Grounded);

    /// <summary>Cases whose reply is at most 35 words (the TTS ceiling).</summary>
    public int Concise => Count(static r => r.Words <= 35);

    /// <summary>Cases where the writer spoke the deterministic draft instead of its own words.</summary>
    public int Fallbacks => Count(static r => r.Fallback is not null);

    /// <summary>Fallbacks per reason, in reason order.</summary>
    public SortedDictionary<string, int> FallbackReasons
    {
        get
        {
            var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var r in Cases)
            {
                if (r.Fallback is { } why) reasons[why] = reasons.GetValueOrDefault(why) + 1;
            }
            return reasons;
        }
    }

    public int MaxWords
    {
        get
        {
            int max = 0;
            foreach (var r in Cases) max = Math.Max(max, r.Words);
            return max;
        }
    }

    private int Count(Func<EvalCaseResult, bool> predicate)
    {
        int n = 0;
        foreach (var r in Cases)
        {
            if (predicate(r)) n++;
        }
        return n;
    }

    /// <summary>{summary: {cases, avg_score, ungrounded, concise, max_words, by_category}, cases: [...]}.</summary>
    public void WriteJson(Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteStartObject("summary");
        w.WriteString("writer", Writer);
        w.WriteNumber("cases", Cases.Count);
        CrewChief.Logging.JsonNumbers.Write(w, "avg_score", AverageScore, 2);
        w.WriteNumber("ungrounded", Ungrounded);
        w.WriteNumber("concise", Concise);
        w.WriteNumber("max_words", MaxWords);
        w.WriteNumber("fallbacks", Fallbacks);
        w.WriteStartObject("fallback_reasons");
        foreach (var (reason, count) in FallbackReasons) w.WriteNumber(reason, count);
        w.WriteEndObject();
        w.WriteStartObject("by_category");
        foreach (var (category, count, avg) in ByCategory())
        {
            w.WriteStartObject(category);
            w.WriteNumber("cases", count);
            CrewChief.Logging.JsonNumbers.Write(w, "avg_score", avg, 2);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("cases");
        foreach (var r in Cases)
        {
            w.WriteStartObject();
            w.WriteString("name", r.Case.Name);
            w.WriteString("category", r.Case.Category);
            w.WriteString("urgency", r.Case.Urgency.ToString().ToLowerInvariant());
            w.WriteString("event", r.Kind.ToString());
            w.WriteString("response", r.Response);
            w.WriteString("spoken", r.Spoken);
            w.WriteNumber("words", r.Words);
            w.WriteNumber("score", r.Score);
            w.WriteBoolean("grounded", r.Grounded);
            if (r.Fallback is null) w.WriteNull("fallback");
            else w.WriteString("fallback", r.Fallback);
            w.WriteStartArray("problems");
            foreach (string p in r.Problems) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public void WriteText(TextWriter o)
    {
        foreach (var r in Cases)
        {
            o.WriteLine($"{r.Score,3} {(r.Grounded ? " " : "!")} {r.Case.Name} [{r.Kind}] {r.Response}");
            if (r.Fallback is not null) o.WriteLine($"        - fell back to the draft: {r.Fallback}");
            if (r.Raised.Count > 0) o.WriteLine($"        - the brain raised: {string.Join(", ", r.Raised)}");
            foreach (string p in r.Problems) o.WriteLine($"        - {p}");
        }
        o.WriteLine();
        o.WriteLine($"{Writer}: {Cases.Count} cases, average {AverageScore:0.0}/100, {Ungrounded} ungrounded, {Concise} of {Cases.Count} ≤ 35 words (max {MaxWords})");
        var reasons = new List<string>();
        foreach (var (reason, count) in FallbackReasons) reasons.Add($"{reason} {count}");
        o.WriteLine($"  fell back to the draft in {Fallbacks} of {Cases.Count} cases{(reasons.Count > 0 ? $" ({string.Join(", ", reasons)})" : "")}");
        foreach (var (category, count, avg) in ByCategory()) o.WriteLine($"  {category,-18} {count,3} cases  {avg,5:0.0}");
    }

    private List<(string Category, int Count, double Average)> ByCategory()
    {
        var groups = new SortedDictionary<string, (int Count, double Sum)>(StringComparer.Ordinal);
        foreach (var r in Cases)
        {
            groups.TryGetValue(r.Case.Category, out var g);
            groups[r.Case.Category] = (g.Count + 1, g.Sum + r.Score);
        }
        var list = new List<(string, int, double)>(groups.Count);
        foreach (var (k, v) in groups) list.Add((k, v.Count, v.Sum / v.Count));
        return list;
    }
}
