namespace CrewChief.Pipeline;

/// <summary>
/// The player's race as of the newest tick, as the director needs it: where the callout is placed (position, lap
/// distance) and what its facts are re-checked against before it is spoken (the cars either side and their gaps,
/// who is in the pit lane). NaN gaps and -1 indices mean "not known".
/// </summary>
/// <param name="SessionTime">Session time (s) of the tick; NaN before the first.</param>
/// <param name="Position">Class position (overall when the class one is missing), 0 when unknown.</param>
/// <param name="LapDistPct">Lap distance 0..1.</param>
/// <param name="OnPitRoad">The player is in the pit lane.</param>
/// <param name="CarAheadIdx">The car ahead in class.</param>
/// <param name="GapAhead">s to it.</param>
/// <param name="CarBehindIdx">The car behind in class.</param>
/// <param name="GapBehind">s to it.</param>
/// <param name="CarsOnPitRoad">Bit i set: car index i is in the pit lane (iRacing has 64 car slots).</param>
public readonly record struct PlayerState(
    double SessionTime,
    int Position,
    float LapDistPct,
    bool OnPitRoad,
    int CarAheadIdx,
    double GapAhead,
    int CarBehindIdx,
    double GapBehind,
    ulong CarsOnPitRoad)
{
    /// <summary>Before the first tick: nothing known, so nothing can be found stale.</summary>
    public static PlayerState Unknown { get; } = new(double.NaN, 0, 0, false, -1, double.NaN, -1, double.NaN, 0);

    public bool IsKnown => !double.IsNaN(SessionTime);

    public bool IsOnPitRoad(int carIdx) => (uint)carIdx < 64 && (CarsOnPitRoad & (1UL << carIdx)) != 0;
}
