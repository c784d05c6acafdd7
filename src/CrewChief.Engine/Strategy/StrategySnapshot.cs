using CrewChief.Telemetry;

namespace CrewChief.Strategy;

/// <summary>
/// The strategy state as of the last tick, for the console view and the session log. A copy: reading it never
/// races the tick. NaN (or -1 for counts and indices) means "not known yet" or "source lacks the channel".
/// </summary>
public readonly struct StrategySnapshot
{
    public double SessionTime { get; init; }
    public bool InWorld { get; init; }
    public int Lap { get; init; }
    public int LapsCompleted { get; init; }
    public float LapPct { get; init; }
    public bool OnPitRoad { get; init; }

    // Race distance
    public bool IsTimedRace { get; init; }
    public int TotalLaps { get; init; }
    public double LapsRemaining { get; init; }
    public int LapsToGo { get; init; }
    public double TimeRemaining { get; init; }

    // Fuel
    public double FuelLevel { get; init; }
    public double FuelPerLap { get; init; }
    public double FuelPerMinute { get; init; }
    public int FuelCleanLaps { get; init; }
    public FuelPlan Fuel { get; init; }

    // Pace
    public double LastLap { get; init; }
    public double BestLap { get; init; }
    public double PersonalBest { get; init; }
    public double AverageLap { get; init; }
    public double PaceTrend { get; init; }
    public double DeltaToBest { get; init; }

    // Gaps
    public int ClassPosition { get; init; }
    public int CarAheadIdx { get; init; }
    public double GapAhead { get; init; }
    public double ClosingAhead { get; init; }
    public int CarBehindIdx { get; init; }
    public double GapBehind { get; init; }
    public double ClosingBehind { get; init; }
    public bool InDirtyAir { get; init; }

    // Tyres: surface temperature (measured where the source has the channels, else estimated; confidence 1 = measured), wear as measured (NaN before)
    public TyreEstimate LeftFront { get; init; }
    public TyreEstimate RightFront { get; init; }
    public TyreEstimate LeftRear { get; init; }
    public TyreEstimate RightRear { get; init; }
    public float TyreConfidence { get; init; }

    // Pit
    public PitCallState PitCall { get; init; }
    public double SecondsToCallPoint { get; init; }
    public double PitEntryPct { get; init; }
    public RejoinEstimate Rejoin { get; init; }
    public int LikeliestRivalToPit { get; init; }
    public double LikeliestRivalPitProbability { get; init; }

    public TyreEstimate Tyre(TyreCorner corner) => corner switch
    {
        TyreCorner.LeftFront => LeftFront,
        TyreCorner.RightFront => RightFront,
        TyreCorner.LeftRear => LeftRear,
        _ => RightRear,
    };
}
