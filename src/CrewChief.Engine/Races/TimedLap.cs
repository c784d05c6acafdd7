namespace CrewChief.Races;

/// <summary>
/// One lap of one car as the timing recorded it. Times are race seconds since the start; a sector time is NaN
/// where the timing has none (the iRacing lap chart has no sectors).
/// </summary>
/// <param name="Number">1-based lap number.</param>
/// <param name="EndTime">Race time at which the car crossed the line (or the pit-lane timing line) ending this lap.</param>
/// <param name="LapTime">The lap's time, s (the timing's own figure, not EndTime differences).</param>
/// <param name="PitLaneTime">Seconds spent in the pit lane at the start of this lap (WEC <c>PIT_TIME</c> on the
/// lap after a <c>B</c>), 0 when none.</param>
/// <param name="Flag">The flag shown when the car crossed the line.</param>
public readonly record struct TimedLap(
    int Number,
    double EndTime,
    double LapTime,
    double S1,
    double S2,
    double S3,
    double PitLaneTime,
    RaceFlag Flag,
    LapMarks Marks)
{
    public bool EndsInPit => (Marks & LapMarks.EndsInPit) != 0;
    public bool HasSectors => S1 > 0 && S2 > 0 && S3 > 0;
}
