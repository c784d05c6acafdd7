namespace CrewChief.Strategy;

/// <summary>Why a lap cannot stand for race pace or fuel use. Test with bit operations: HasFlag boxes in unoptimised builds.</summary>
[Flags]
public enum LapFlags : byte
{
    None = 0,
    /// <summary>Started on pit road.</summary>
    OutLap = 1 << 0,
    /// <summary>Entered pit road before the line.</summary>
    InLap = 1 << 1,
    /// <summary>A yellow or caution was shown during the lap.</summary>
    Yellow = 1 << 2,
    /// <summary>A reset, tow or placeholder record spoiled it (fuel and lap counters jump).</summary>
    Reset = 1 << 3,
    /// <summary>Observed from part-way through, so neither its time nor its fuel is whole.</summary>
    Partial = 1 << 4,
    /// <summary>Run (at least partly) behind a full-course neutralisation — safety car, full-course yellow, red flag:
    /// its time is the neutralisation's pace (or a stoppage), never the driver's, and says nothing of race pace.</summary>
    Neutralised = 1 << 5,
}

/// <summary>One completed lap as the player drove it.</summary>
/// <param name="Lap">1-based number of the lap completed.</param>
/// <param name="EndTime">Session time (s) the line was crossed, interpolated between ticks.</param>
/// <param name="Duration">Lap time (s) measured from the two crossings.</param>
/// <param name="FuelUsed">Litres burnt on the lap.</param>
public readonly record struct LapRecord(int Lap, double EndTime, double Duration, float FuelUsed, LapFlags Flags)
{
    /// <summary>Counts toward fuel and pace averages.</summary>
    public bool IsClean => Flags == LapFlags.None && Duration > 0;
}
