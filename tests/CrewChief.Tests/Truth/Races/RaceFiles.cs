namespace CrewChief.Tests.Truth.Races;

/// <summary>The real races in ../shared/races and their truth, read once per test run (they are immutable).</summary>
internal static class RaceFiles
{
    public const string Spa = "wec/2025_spa_6h.csv";
    public const string LeMans = "wec/2024_le_mans_24h.csv";
    public const string Fuji = "wec/2025_fuji_6h.csv";
    public const string Nurburgring = "iracing/gt4_nurburgring_lap_chart.json";
    public static readonly string[] All = [Spa, LeMans, Fuji, Nurburgring];

    private static readonly Dictionary<string, RaceTruth> s_cache = [];

    /// <summary>The file's path, or the test is skipped (with the reason) when ../shared is absent.</summary>
    public static string Path(string relative) => SharedData.Require(System.IO.Path.Combine("races", relative));

    public static RaceTruth Truth(string relative)
    {
        string path = Path(relative);
        lock (s_cache)
        {
            if (!s_cache.TryGetValue(path, out var truth)) s_cache[path] = truth = TimingFileReader.Load(path);
            return truth;
        }
    }
}
