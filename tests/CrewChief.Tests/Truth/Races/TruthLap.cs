namespace CrewChief.Tests.Truth.Races;

/// <summary>
/// One completed lap of one car as the timing file has it. Times are race seconds (0 = the start). Sector times
/// are NaN where the file has none (the iRacing lap chart).
/// </summary>
internal readonly record struct TruthLap(
    int Number,
    double Start,
    double End,
    double S1,
    double S2,
    double S3,
    /// <summary>The lap ended in the pit lane (WEC <c>B</c>; iRacing <c>pitted</c>).</summary>
    bool EndsInPit,
    /// <summary>Time in the pit lane counted on this lap (WEC <c>PIT_TIME</c>, on the lap after the B lap), s, or 0.</summary>
    double PitTime,
    /// <summary>The flag at the line at <see cref="End"/>: GF, FCY, SF, RF, FF (WEC) — iRacing: GF or FF.</summary>
    string Flag,
    /// <summary>iRacing only: the position at the end of the lap as the sim published it; 0 when the file has none.</summary>
    int PublishedPosition = 0)
{
    public double Duration => End - Start;
    public bool HasSectors => !double.IsNaN(S1) && !double.IsNaN(S2) && !double.IsNaN(S3) && S1 > 0 && S2 > 0 && S3 > 0;
}
