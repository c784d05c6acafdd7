using CrewChief.Callouts;
namespace CrewChief.Tools.Eval;

/// <summary>Four values, one per tyre, in iRacing's corner order.</summary>
public readonly record struct TyreQuad(double FrontLeft, double FrontRight, double RearLeft, double RearRight)
{
    public double this[int corner] => corner switch
    {
        0 => FrontLeft,
        1 => FrontRight,
        2 => RearLeft,
        _ => RearRight,
    };
}

/// <summary>
/// One moment of a race with no label on it: what the eval set gives, and what a replay tool can build from a
/// telemetry frame. <see cref="SnapshotHistory"/> runs it through the real brain. Absent values are null.
/// </summary>
public sealed class RaceSnapshot
{
    public string Car { get; set; } = "";
    public string CarClass { get; set; } = "";
    /// <summary>Trait words ("hybrid", "drs"); when given they replace the catalog's traits for the car.</summary>
    public List<string> CarTraits { get; } = [];
    public string Track { get; set; } = "";
    public string TrackType { get; set; } = "";
    public int? Lap { get; set; }
    public double? LapPct { get; set; }
    public int? Position { get; set; }
    public double? FuelLapsRemaining { get; set; }
    /// <summary>% worn per tyre.</summary>
    public TyreQuad? TyreWear { get; set; }
    /// <summary>°C per tyre.</summary>
    public TyreQuad? TyreTemps { get; set; }
    public double? GapAhead { get; set; }
    public double? GapBehind { get; set; }
    public double? LastLapTime { get; set; }
    public double? BestLapTime { get; set; }
    public int? SessionLapsRemain { get; set; }
    public int? IncidentCount { get; set; }
    public double? TrackTempC { get; set; }
    /// <summary>Laps the tyres had done when their wear was measured (new set = 0 % worn then): a wear rate.</summary>
    public int? TyreSetLaps { get; set; }
    /// <summary>What a full tank holds, in laps: without it no stop count is derived.</summary>
    public double? FuelTankLaps { get; set; }
}
