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
    public float BasePace;
    /// <summary>Standard deviation of lap-to-lap noise, s.</summary>
    public float Consistency;
    /// <summary>Scripted change to the lap time (negative = faster), s.</summary>
    public float Bias;
    /// <summary>This lap's lap time before the scripted bias, drawn at each line crossing.</summary>
    public float LapBase;
    /// <summary>Lap time the car is running at now (<see cref="LapBase"/> + <see cref="Bias"/>).</summary>
    public float LapTarget;
    public float FuelPerLap;
    public float Fuel;
    public float TankLitres;
    /// <summary>Tread remaining, 0..1 (the sim's truth; the player's channels show it only when measured).</summary>
    public float Wear = 1f;
    /// <summary>Carcass temperature, °C.</summary>
    public float TyreTemp;
    public float PitServiceSeconds;
    public float FuelTarget;
    public double PitStallDist;
    public double PitExitDist;

    // Position
    public DemoCarState State;
    /// <summary>Metres from the start line at the green (negative on the grid and the parade lap).</summary>
    public double Dist;
    public float Speed;
    public float PrevSpeed;
    /// <summary>Rate-limited speed added to the profile (following, passing, rejoining), m/s.</summary>
    public float Offset;
    public float OffsetTarget;
    public int LapCompleted;
    public double LapStartTime;
    public float LastLap = -1;
    public float BestLap = -1;
    public int GridSlot;
    public int Position;
    public int FinishOrder;
    /// <summary>Car being overtaken (-1 when none).</summary>
    public int Passing = -1;
    /// <summary>Seconds spent queued behind a slower car.</summary>
    public float FollowSeconds;
    /// <summary>Session time at which an Off or PitStall spell ends.</summary>
    public double StateUntil;
    public bool WantsPit;
    public int Stops;

    public bool IsRunning => State is DemoCarState.Racing or DemoCarState.Off or DemoCarState.PitLane or DemoCarState.PitStall;

    public bool OnPitRoad => State is DemoCarState.PitLane or DemoCarState.PitStall;
}
