namespace CrewChief.Tests.Truth.Races;

/// <summary>One car of a real race: its number as written in the file, its class, and every lap it completed.</summary>
internal sealed class TruthCar(string number, string carClass)
{
    public string Number { get; } = number;
    public string Class { get; } = carClass;
    public List<TruthLap> Laps { get; } = [];
    /// <summary>Events the file lists on a lap (iRacing: black flag, tow, ...), by lap number.</summary>
    public Dictionary<int, List<string>> LapEvents { get; } = [];

    public int LapsCompleted => Laps.Count;
    public double LastCrossing => Laps.Count > 0 ? Laps[^1].End : 0;

    /// <summary>Took the chequered flag (its last crossing is under FF / the iRacing chequered bit).</summary>
    public bool Finished => Laps.Count > 0 && Laps[^1].Flag == "FF";

    /// <summary>Laps completed by time <paramref name="t"/> (crossings at or before t).</summary>
    public int CompletedAt(double t)
    {
        int lo = 0, hi = Laps.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (Laps[mid].End <= t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private double[]? _lines;

    /// <summary>
    /// Race time the car crossed each timing line: index 3k+1, 3k+2 the sector-1 and sector-2 splits of lap k+1,
    /// 3k+3 the finish line at its end (a lap without sector times has only its finish line; the splits are NaN).
    /// </summary>
    public double[] TimingLines
    {
        get
        {
            if (_lines is not null) return _lines;
            var lines = new double[Laps.Count * 3 + 1];
            for (int k = 0; k < Laps.Count; k++)
            {
                var lap = Laps[k];
                bool ok = lap.HasSectors && Math.Abs(lap.S1 + lap.S2 + lap.S3 - lap.Duration) < 1.0;
                lines[3 * k + 1] = ok ? lap.Start + lap.S1 : double.NaN;
                lines[3 * k + 2] = ok ? lap.Start + lap.S1 + lap.S2 : double.NaN;
                lines[3 * k + 3] = lap.End;
            }
            return _lines = lines;
        }
    }

    /// <summary>The last timing line crossed at or before <paramref name="t"/> (index into <see cref="TimingLines"/>), 0 before any.</summary>
    public int LineAt(double t)
    {
        var lines = TimingLines;
        int best = 0;
        for (int i = Math.Max(1, 3 * CompletedAt(t) - 3); i < lines.Length; i++)
        {
            if (double.IsNaN(lines[i])) continue;
            if (lines[i] <= t) best = i; else break;
        }
        return best;
    }

    public override string ToString() => $"#{Number} ({Class}, {Laps.Count} laps)";
}
