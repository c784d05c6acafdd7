using System.Globalization;
using System.Text.Json;
using CrewChief.App.Commands;
using CrewChief.Events;

namespace CrewChief.Tests.Truth;

/// <summary>
/// Every tyre claim the engine makes on every real .ibt, in both modes (the file's surface channels, and
/// `--tyres estimate`, what a live racer would hear), judged against the raw surface and wear channels read by
/// <see cref="TyreRawReader"/>. Stated tolerances: a measured number within 1 °C of the tyre's surface (mean of
/// its three tread channels; the fact is rounded to 0.1); an estimated number within 28 °C (the estimate's
/// held-out-car p95, docs/tyres.md); the words cold / in the window / hot within 3 °C of the marks they name;
/// a wear figure within 0.5 % of the crew's measurement, and only where the wear channels hold one.
/// </summary>
public class TyreTruthTests
{
    private const float MeasuredNumberTol = 1f;
    private const float EstimatedNumberTol = 28f;
    private const float WordTol = 3f;
    private const float WearTol = 0.5f;

    private static readonly float s_cold = BrainOptions.Default.TyreColdC;
    private static readonly float s_hot = BrainOptions.Default.TyreHotC;

    /// <summary>One tyre claim as the replay's --json events carry it.</summary>
    internal readonly record struct TyreClaim(double T, string Kind, int Corner, double? Temp, double? Wear);

    [Fact]
    public void EveryTyreClaim_OnEveryRealFile_IsTrue_MeasuredAndEstimated()
    {
        string dir = SharedData.RequireTelemetry("ibt");
        var failures = new List<string>();
        int measuredClaims = 0, estimatedClaims = 0;
        foreach (string path in Directory.GetFiles(dir, "*.ibt").Order(StringComparer.Ordinal))
        {
            var raw = new TyreRawReader(path);
            foreach (bool estimate in new[] { false, true })
            {
                foreach (var claim in Replay(path, estimate))
                {
                    if (estimate) estimatedClaims++; else measuredClaims++;
                    string? why = Judge(raw, claim, estimate);
                    if (why is not null) failures.Add($"{Path.GetFileName(path)} {(estimate ? "estimate" : "measured")} t={claim.T:0.00} {claim.Kind}: {why}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        // Not vacuous: the recordings do hold tyre calls (cold out of the pits at least).
        Assert.True(measuredClaims >= 5, $"only {measuredClaims} measured tyre claims across the real files");
        _ = estimatedClaims;
    }

    /// <summary>The judge rejects the false calls the old model made on these files (issue 11): it can fail.</summary>
    [Theory]
    [InlineData("skmodified_langley_2015-05-28_14-46-23.ibt", 4245.5, "TyreHot", 3, 111.0)]
    [InlineData("silverado-truck_bristol.ibt", 6127.4, "TyreHot", 3, 110.0)]
    [InlineData("tour-modified_martinsville_2015.ibt", 4120.0, "TyreOptimal", -1, 84.0)]
    public void Judge_RejectsTheOldModelsCalls(string file, double t, string kind, int corner, double temp)
    {
        var raw = new TyreRawReader(SharedData.RequireTelemetry(Path.Combine("ibt", file)));
        int r = NearestRecord(raw, t);
        var claim = new TyreClaim(raw.SessionTime[r], kind, corner, temp, null);
        Assert.NotNull(Judge(raw, claim, estimate: false));
        Assert.NotNull(Judge(raw, claim, estimate: true));
        Assert.NotNull(Judge(raw, claim with { Temp = null }, estimate: false)); // the word alone is false too
    }

    /// <summary>A wear figure is true only as the crew measured it: these sets were new (under 1 % worn).</summary>
    [Fact]
    public void Judge_RejectsAWearFigureNoMeasurementSupports()
    {
        var raw = new TyreRawReader(SharedData.RequireTelemetry(Path.Combine("ibt", "skmodified_langley_2015-05-28_14-46-23.ibt")));
        int r = NearestRecord(raw, 4245.5);
        Assert.NotNull(Judge(raw, new TyreClaim(raw.SessionTime[r], "TyreWearWarning", 3, null, 62.0), estimate: true));
        Assert.NotNull(Judge(raw, new TyreClaim(raw.SessionTime[r], "TyreWearWarning", 3, null, null), estimate: true));
        Assert.Null(Judge(raw, new TyreClaim(raw.SessionTime[r], "TyreWearWarning", 3, null, raw.WornPct![r][3]), estimate: true));
    }

    private static int NearestRecord(TyreRawReader raw, double t)
    {
        int best = 0;
        for (int i = 1; i < raw.SessionTime.Length; i++)
            if (Math.Abs(raw.SessionTime[i] - t) < Math.Abs(raw.SessionTime[best] - t)) best = i;
        return best;
    }

    /// <summary>Null when the claim holds; otherwise what the recording says instead.</summary>
    internal static string? Judge(TyreRawReader raw, TyreClaim c, bool estimate)
    {
        int r = raw.RecordAt(c.T);
        if (r < 0) return "no record at that time";
        var inv = CultureInfo.InvariantCulture;
        if (c.Temp is not null || c.Kind is "TyreCold" or "TyreOptimal" or "TyreHot")
        {
            if (raw.Surface is null) return "a temperature claim on a file without surface channels";
            float[] s = raw.Surface[r];
            float min = s.Min(), max = s.Max();
            string seen = string.Create(inv, $"surface LF {s[0]:0.0} RF {s[1]:0.0} LR {s[2]:0.0} RR {s[3]:0.0}");
            if (c.Temp is double temp)
            {
                double actual = c.Corner is >= 0 and <= 3 ? s[c.Corner] : s.Average();
                double tol = estimate ? EstimatedNumberTol : MeasuredNumberTol;
                if (Math.Abs(temp - actual) > tol) return string.Create(inv, $"said {temp:0.0} °C, {seen} (tolerance {tol} °C)");
            }
            switch (c.Kind)
            {
                case "TyreCold" when max >= s_cold + WordTol:
                    return $"said cold (< {s_cold} °C), {seen}";
                case "TyreOptimal" when min < s_cold - WordTol || max > s_hot + WordTol:
                    return $"said in the window ({s_cold}–{s_hot} °C), {seen}";
                case "TyreHot" when (c.Corner is >= 0 and <= 3 ? s[c.Corner] : max) <= s_hot - WordTol:
                    return $"said hot (> {s_hot} °C), {seen}";
            }
        }
        if (c.Wear is double wear || c.Kind is "TyreWearWarning" or "TyreWearCritical")
        {
            if (raw.WornPct is null || raw.WornPct[r].All(w => w >= 100f)) return "a wear claim with no wear measurement in the file";
            if (c.Wear is not double said) return "a wear call without the measured figure";
            float[] w = raw.WornPct[r];
            double actual = c.Corner is >= 0 and <= 3 ? w[c.Corner] : w.Max();
            if (Math.Abs(said - actual) > WearTol) return string.Create(inv, $"said {said:0.0} % worn, the crew measured {actual:0.0} %");
        }
        return null;
    }

    /// <summary>The tyre claims of one replay, through the CLI's own path (`replay FILE --fast --json [--tyres estimate]`).</summary>
    internal static List<TyreClaim> Replay(string path, bool estimate)
    {
        var output = new StringWriter();
        string[] args = estimate ? [path, "--fast", "--json", "--tyres", "estimate"] : [path, "--fast", "--json"];
        Assert.Equal(0, ReplayCommand.Run(new CommandArgs(args), output));
        using var doc = JsonDocument.Parse(output.ToString());
        var claims = new List<TyreClaim>();
        foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
        {
            string kind = e.GetProperty("kind").GetString()!;
            var facts = e.GetProperty("facts");
            double? temp = facts.TryGetProperty("tyreTemp", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null;
            double? wear = facts.TryGetProperty("tyreWear", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetDouble() : null;
            if (!kind.StartsWith("Tyre", StringComparison.Ordinal) && temp is null && wear is null) continue;
            int corner = facts.TryGetProperty("tyreCorner", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : -1;
            claims.Add(new TyreClaim(e.GetProperty("t").GetDouble(), kind, corner, temp, wear));
        }
        return claims;
    }
}
