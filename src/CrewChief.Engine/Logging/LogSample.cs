namespace CrewChief.Logging;

/// <summary>
/// The once-a-second snapshot written to the session log. Its fields are exactly the snapshot schema of
/// 'crewchief eval' cases, so a logged session turns into training records without translation. A value type:
/// the tick thread fills it without allocating.
/// </summary>
public struct LogSample
{
    public double SessionTime;
    public int Lap;
    public float LapPct;
    public int Position;
    public float FuelLitres;
    public float FuelLapsRemaining;
    public float WearFl, WearFr, WearRl, WearRr;    // % worn as the crew last measured (NaN before any measurement)
    public float TempFl, TempFr, TempRl, TempRr;    // °C tread surface, measured or estimated
    public float GapAhead, GapBehind;               // s, NaN when no car
    public float LastLapTime, BestLapTime;          // s
    public int SessionLapsRemain;
    public int IncidentCount;
    public float TrackTempC;
    public float SpeedKph;
    public bool OnPitRoad;
}
