using System.Globalization;

namespace CrewChief.Tests.Races;

/// <summary>
/// The tests' own small reader of a WEC timing CSV — deliberately not the code under test — giving each car's
/// line crossings, pit flags and flags, from which the truth (order, pit visits, flag changes) is computed.
/// </summary>
internal sealed class WecTimingReader
{
    public sealed record Row(string Number, int Lap, double Elapsed, bool InPit, double PitTime, string Flag, string Class);

    public readonly List<Row> Rows = [];
    public readonly Dictionary<string, List<Row>> ByCar = new(StringComparer.Ordinal);

    public WecTimingReader(string path)
    {
        var lines = File.ReadAllLines(path);
        var head = lines[0].TrimStart('\uFEFF').Split(';').Select(h => h.Trim()).ToList();
        int C(string n) => head.IndexOf(n);
        int num = C("NUMBER"), lap = C("LAP_NUMBER"), el = C("ELAPSED"), pit = C("CROSSING_FINISH_LINE_IN_PIT"),
            pt = C("PIT_TIME"), flag = C("FLAG_AT_FL"), cls = C("CLASS");
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var f = line.Split(';');
            var row = new Row(f[num].Trim(), int.Parse(f[lap].Trim(), CultureInfo.InvariantCulture), Secs(f[el]),
                f[pit].Trim() == "B", f[pt].Trim().Length > 0 ? Secs(f[pt]) : 0, f[flag].Trim(), f[cls].Trim());
            Rows.Add(row);
            if (!ByCar.TryGetValue(row.Number, out var list)) ByCar[row.Number] = list = [];
            list.Add(row);
        }
    }

    private static double Secs(string text)
    {
        double v = 0;
        foreach (var part in text.Trim().Split(':')) v = v * 60 + double.Parse(part, CultureInfo.InvariantCulture);
        return v;
    }

    /// <summary>Official order at race time t: laps completed, then earlier crossing. Cars with no crossing yet
    /// keep the order given by <paramref name="grid"/>.</summary>
    public List<string> OrderAt(double t, IReadOnlyList<string> grid)
    {
        var key = new Dictionary<string, (int Laps, double Last)>();
        foreach (var (car, rows) in ByCar)
        {
            int laps = 0; double last = 0;
            foreach (var r in rows) if (r.Elapsed <= t) { laps = r.Lap; last = r.Elapsed; }
            key[car] = (laps, last);
        }
        return [.. ByCar.Keys.OrderByDescending(c => key[c].Laps).ThenBy(c => key[c].Last).ThenBy(c => grid.ToList().IndexOf(c))];
    }

    /// <summary>Final classification: laps, then the time of the last crossing.</summary>
    public List<string> FinishingOrder() => OrderAt(double.MaxValue, []);
}
