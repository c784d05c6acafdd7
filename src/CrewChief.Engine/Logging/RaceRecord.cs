namespace CrewChief.Logging;

/// <summary>What a <see cref="RaceRecord"/> reports.</summary>
public enum RaceRecordType : byte
{
    /// <summary>A lap was completed (its time, fuel burnt, flags and where the player was at the line).</summary>
    Lap,
    /// <summary>A stop was measured: in-lap plus out-lap against two racing laps.</summary>
    PitStop,
    /// <summary>The crew measured the tyres (the only time iRacing's wear channels change).</summary>
    TyreMeasured,
}

/// <summary>
/// One fact worth keeping beyond the 1 Hz samples: a lap, a measured stop, a tyre measurement. Written to the
/// session log (for the review) and handed to the session database's recorder, both side taps. A value type the
/// tick thread fills without allocating; unused fields stay NaN.
/// </summary>
public struct RaceRecord
{
    public RaceRecordType Type;
    public double SessionTime;
    public int Lap;
    /// <summary>Lap time, s (Lap).</summary>
    public double Duration;
    /// <summary>Litres burnt on the lap (Lap).</summary>
    public float FuelUsed;
    /// <summary>The fuel model's litres per lap after this lap (NaN before the first clean lap).</summary>
    public float FuelEstimate;
    /// <summary>LapFlags bits: clean laps are 0.</summary>
    public byte Flags;
    public int Position;
    public int ClassPosition;
    public int Incidents;
    public float GapAhead;
    public float GapBehind;
    /// <summary>Seconds a stop cost (PitStop), or the current pit-lane loss estimate (Lap).</summary>
    public float PitLaneLoss;
    /// <summary>% worn per corner: FL, FR, RL, RR (TyreMeasured: the measurement; Lap: the estimate).</summary>
    public float WearFl, WearFr, WearRl, WearRr;

    public readonly bool IsClean => Flags == 0 && Duration > 0;
}

/// <summary>A side tap for <see cref="RaceRecord"/>s: called on the tick thread, so it must only enqueue.</summary>
public interface IRaceRecordTap
{
    void OnRecord(in RaceRecord record);
}
