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

    public override string ToString() => $"#{Number} ({Class}, {Laps.Count} laps)";
}
