namespace CrewChief.Races;

/// <summary>
/// A real race as its timing recorded it: every car, every lap, line-crossing times, sectors, pit visits and
/// flags. Built by <see cref="WecTimingFile"/> or <see cref="IracingLapChart"/>; replayed by <see cref="TimedRace"/>.
/// </summary>
public sealed class RaceTiming
{
    /// <summary>Event name ("6 Hours of Spa"), or the file name when the timing has none.</summary>
    public required string EventName { get; init; }
    /// <summary>iRacing-style internal track name ("spa up") when the track is known, else the event name.</summary>
    public required string TrackName { get; init; }
    public required string TrackDisplayName { get; init; }
    public string TrackConfigName { get; init; } = "";
    /// <summary>Lap length, m: from the timing's average speeds where it has them.</summary>
    public required double TrackLengthM { get; init; }
    /// <summary>Race time limit, s, or 0 for a race over a number of laps.</summary>
    public double TimeLimitS { get; init; }
    /// <summary>Lap limit, or 0 for a timed race.</summary>
    public int LapLimit { get; init; }
    /// <summary>Lap-distance fraction at which each sector starts (first is 0); empty when the timing has no sectors.</summary>
    public required double[] SectorStarts { get; init; }
    public required List<RaceEntry> Entries { get; init; }
    /// <summary>"WEC timing" or "iRacing lap chart": said in the status line.</summary>
    public required string SourceKind { get; init; }

    /// <summary>The entry with this number (exact text first, then ignoring leading zeros), or null.</summary>
    public RaceEntry? Find(string number)
    {
        foreach (var e in Entries) if (e.Number == number) return e;
        string trimmed = number.TrimStart('#').TrimStart('0');
        foreach (var e in Entries) if (e.Number.TrimStart('0') == trimmed) return e;
        return null;
    }

    /// <summary>Class names in the order of their fastest car's best lap (fastest class first).</summary>
    public List<string> ClassesBySpeed()
    {
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var e in Entries)
        {
            double b = double.MaxValue;
            foreach (var lap in e.Laps) if (lap.LapTime > 0 && lap.LapTime < b) b = lap.LapTime;
            best[e.ClassName] = best.TryGetValue(e.ClassName, out double old) ? Math.Min(old, b) : b;
        }
        var names = new List<string>(best.Keys);
        names.Sort((a, b) => best[a].CompareTo(best[b]) is int c && c != 0 ? c : string.CompareOrdinal(a, b));
        return names;
    }

    /// <summary>True when the file looks like race timing this project reads (by extension and content).</summary>
    public static bool IsRaceTimingFile(string path)
    {
        string ext = Path.GetExtension(path);
        return ext.Equals(".csv", StringComparison.OrdinalIgnoreCase) || ext.Equals(".json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads a WEC timing CSV or an iRacing lap-chart JSON; bad input throws <see cref="InputException"/>.</summary>
    public static RaceTiming Load(string path)
    {
        if (!File.Exists(path)) throw InputException.ForFile(path, "file not found; give a WEC timing .csv or an iRacing *_lap_chart.json.");
        return Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase)
            ? WecTimingFile.Read(path)
            : IracingLapChart.Read(path);
    }
}
