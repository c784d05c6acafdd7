namespace CrewChief.Demo;

/// <summary>Where a demo car is in its race.</summary>
public enum DemoCarState : byte
{
    Grid,
    Racing,
    /// <summary>Spun or off: stationary or crawling off the racing line.</summary>
    Off,
    PitLane,
    PitStall,
    Finished,
}

/// <summary>
/// One simulated car: identity for the session YAML, its pace model (base lap time, consistency, scripted bias,
/// fuel, tyre wear and heat) and its position state. Mutable and reused every tick; the race owns all of them.
/// </summary>
public sealed class DemoCar
{
    public DemoCar(int carIdx, string userName, string carNumber, string carPath, string carScreenName)
    {
        CarIdx = carIdx;
        UserName = userName;
        CarNumber = carNumber;
        CarPath = carPath;
        CarScreenName = carScreenName;
    }

    public int CarIdx { get; }
    public string UserName { get; }
    public string CarNumber { get; }
    public string CarPath { get; }
    public string CarScreenName { get; }

    // Pace model
    /// <summary>Lap time on fresh tyres with no fuel effect, s.</summary>
    public float BasePace { get; internal set; }
    /// <summary>Standard deviation of lap-to-lap noise, s.</summary>
    public float Consistency { get; internal set; }
    /// <summary>Scripted change to the lap time (negative = faster), s.</summary>
    public float Bias { get; internal set; }
    /// <summary>This lap's lap time before the scripted bias, drawn at each line crossing.</summary>
    public float LapBase { get; internal set; }
    /// <summary>Lap time the car is running at now (<see cref="LapBase"/> + <see cref="Bias"/>).</summary>
    public float LapTarget { get; internal set; }
    /// <summary>Fraction of the racing speed the car can run (1; less while limping on a punctured tyre).</summary>
    public float PaceFactor { get; internal set; } = 1f;
    public float FuelPerLap { get; internal set; }
    public float Fuel { get; internal set; }
    public float TankLitres { get; internal set; }
    /// <summary>Most fuel the series lets the car carry (the tank × the max fuel %), L.</summary>
    public float MaxFuel { get; internal set; }
    /// <summary>Tread remaining, 0..1 (the sim's truth; the player's channels show it only when measured).</summary>
    public float Wear { get; internal set; } = 1f;
    /// <summary>Tread remaining when this stint's set went on, 0..1.</summary>
    public float StintStartWear { get; internal set; } = 1f;
    /// <summary>Carcass temperature, °C.</summary>
    public float TyreTemp { get; internal set; }
    public float PitServiceSeconds { get; internal set; }
    public float FuelTarget { get; internal set; }
    public double PitStallDist { get; internal set; }
    public double PitExitDist { get; internal set; }

    // Position
    public DemoCarState State { get; internal set; }
    /// <summary>Metres from the start line at the green (negative on the grid and the parade lap).</summary>
    public double Dist { get; internal set; }
    public float Speed { get; internal set; }
    public float PrevSpeed { get; internal set; }
    /// <summary>Rate-limited speed added to the profile (following, passing, rejoining), m/s.</summary>
    public float Offset { get; internal set; }
    public float OffsetTarget { get; internal set; }
    public int LapCompleted { get; internal set; }
    public double LapStartTime { get; internal set; }
    public float LastLap { get; internal set; } = -1;
    public float BestLap { get; internal set; } = -1;
    public int GridSlot { get; internal set; }
    public int Position { get; internal set; }
    public int FinishOrder { get; internal set; }
    /// <summary>Car being overtaken (-1 when none).</summary>
    public int Passing { get; internal set; } = -1;
    /// <summary>Seconds spent queued behind a slower car.</summary>
    public float FollowSeconds { get; internal set; }
    /// <summary>Session time at which an Off or PitStall spell ends.</summary>
    public double StateUntil { get; internal set; }
    public bool WantsPit { get; internal set; }
    public int Stops { get; internal set; }

    public bool IsRunning => State is DemoCarState.Racing or DemoCarState.Off or DemoCarState.PitLane or DemoCarState.PitStall;

    public bool OnPitRoad => State is DemoCarState.PitLane or DemoCarState.PitStall;
}
