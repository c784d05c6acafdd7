namespace CrewChief.Telemetry;

/// <summary>
/// One decoded telemetry tick: the ~60 irsdk variables the engine uses, in SI units as iRacing sends them
/// (metres, m/s, m/s², litres, seconds, °C). Allocated once per source and overwritten every tick, so the
/// 60 Hz path never allocates. Fields mirror irsdk variable names; arrays are sized once.
/// </summary>
public sealed class TelemetryFrame
{
    /// <summary>iRacing's CarIdx arrays always have 64 slots.</summary>
    public const int MaxCars = 64;

    /// <summary>Which optional variable groups the source actually has (old builds and .ibt files lack some).</summary>
    public TelemetryChannels Available;
    /// <summary>Groups whose values were outside physical ranges this tick (taken out of <see cref="Available"/>).</summary>
    public TelemetryChannels Implausible;
    /// <summary>A core channel (session time, lap, fuel, speed…) was outside physical ranges: the tick is unusable.</summary>
    public bool ImplausibleCore;

    /// <summary>tickCount of the var buffer this frame came from (monotonic per connection).</summary>
    public int TickCount;
    /// <summary>Index of the record in an .ibt file, or -1 for live sources.</summary>
    public int RecordIndex = -1;

    // Session
    public double SessionTime;
    public int SessionTick;
    public int SessionNum;
    public SessionState SessionState;
    public SessionFlags SessionFlags;
    public double SessionTimeRemain;
    public int SessionLapsRemainEx;
    public int SessionInfoUpdate;

    // Player car
    public bool IsOnTrack;
    /// <summary>iRacing's PitsOpen: a pit stop is allowed for the player now (valid with <see cref="TelemetryChannels.PitsOpen"/>).</summary>
    public bool PitsOpen;
    public bool IsOnTrackCar;
    public TrackSurface PlayerTrackSurface = TrackSurface.NotInWorld;
    public int PlayerCarIdx;
    public int PlayerCarPosition;
    public int PlayerCarClassPosition;
    public int PlayerCarMyIncidentCount;
    public int Lap;
    public int LapCompleted;
    public float LapDist;
    public float LapDistPct;
    public float LapCurrentLapTime;
    public float LapLastLapTime;
    public float LapBestLapTime;
    public float LapDeltaToBestLap;
    public float Speed;
    public float Rpm;
    public int Gear;
    public float Throttle;
    public float Brake;
    public float SteeringWheelAngle;
    public float LatAccel;
    public float LongAccel;
    public float VertAccel;
    /// <summary>Body-frame velocity, m/s: X forward, Y left. Their angle is the sideslip a spin shows (.ibt only).</summary>
    public float VelocityX;
    public float VelocityY;
    /// <summary>rad/s.</summary>
    public float YawRate;
    public float FuelLevel;
    public float FuelLevelPct;
    public float FuelUsePerHour;
    public bool OnPitRoad;
    public EngineWarnings EngineWarnings;
    public CarLeftRight CarLeftRight;
    public float AirTemp;
    public float TrackTemp;

    /// <summary>Tyre carcass temperatures, °C, by <see cref="TyreCorner"/> × (left, middle, right) = LFtempCL…RRtempCR.</summary>
    public readonly float[] TyreTemp = new float[12];
    /// <summary>Tyre tread remaining, 0..1, same layout (LFwearL…RRwearR). Frozen by iRacing between pit stops.</summary>
    public readonly float[] TyreWear = new float[12];
    /// <summary>
    /// Tread surface temperatures, °C, same layout (LFtempL…RRtempR): live in .ibt files (a real measurement every
    /// tick), absent from the live map; <see cref="TelemetryChannels.TyreSurfaceTemps"/> says which.
    /// </summary>
    public readonly float[] TyreSurfaceTemp = new float[12];

    // Other cars (live map only; .ibt files carry none of these)
    public readonly int[] CarIdxLap = new int[MaxCars];
    public readonly int[] CarIdxLapCompleted = new int[MaxCars];
    public readonly float[] CarIdxLapDistPct = new float[MaxCars];
    public readonly int[] CarIdxPosition = new int[MaxCars];
    public readonly int[] CarIdxClassPosition = new int[MaxCars];
    public readonly int[] CarIdxClass = new int[MaxCars];
    public readonly bool[] CarIdxOnPitRoad = new bool[MaxCars];
    public readonly TrackSurface[] CarIdxTrackSurface = new TrackSurface[MaxCars];
    public readonly float[] CarIdxEstTime = new float[MaxCars];
    public readonly float[] CarIdxF2Time = new float[MaxCars];
    public readonly float[] CarIdxLastLapTime = new float[MaxCars];
    public readonly float[] CarIdxBestLapTime = new float[MaxCars];

    /// <summary>The player car is in the world (real files start with placeholder records where it is not).</summary>
    public bool InWorld => PlayerTrackSurface != TrackSurface.NotInWorld && !ImplausibleCore;

    /// <summary>Copies every field of <paramref name="other"/> into this frame without allocating.</summary>
    public void CopyFrom(TelemetryFrame other)
    {
        Available = other.Available; Implausible = other.Implausible; ImplausibleCore = other.ImplausibleCore; TickCount = other.TickCount; RecordIndex = other.RecordIndex;
        SessionTime = other.SessionTime; SessionTick = other.SessionTick; SessionNum = other.SessionNum;
        SessionState = other.SessionState; SessionFlags = other.SessionFlags; SessionTimeRemain = other.SessionTimeRemain;
        SessionLapsRemainEx = other.SessionLapsRemainEx; SessionInfoUpdate = other.SessionInfoUpdate;
        PitsOpen = other.PitsOpen;
        IsOnTrack = other.IsOnTrack; IsOnTrackCar = other.IsOnTrackCar; PlayerTrackSurface = other.PlayerTrackSurface;
        PlayerCarIdx = other.PlayerCarIdx; PlayerCarPosition = other.PlayerCarPosition; PlayerCarClassPosition = other.PlayerCarClassPosition;
        PlayerCarMyIncidentCount = other.PlayerCarMyIncidentCount; Lap = other.Lap; LapCompleted = other.LapCompleted;
        LapDist = other.LapDist; LapDistPct = other.LapDistPct; LapCurrentLapTime = other.LapCurrentLapTime;
        LapLastLapTime = other.LapLastLapTime; LapBestLapTime = other.LapBestLapTime; LapDeltaToBestLap = other.LapDeltaToBestLap;
        Speed = other.Speed; Rpm = other.Rpm; Gear = other.Gear; Throttle = other.Throttle; Brake = other.Brake;
        SteeringWheelAngle = other.SteeringWheelAngle; LatAccel = other.LatAccel; LongAccel = other.LongAccel; VertAccel = other.VertAccel;
        VelocityX = other.VelocityX; VelocityY = other.VelocityY; YawRate = other.YawRate;
        FuelLevel = other.FuelLevel; FuelLevelPct = other.FuelLevelPct; FuelUsePerHour = other.FuelUsePerHour;
        OnPitRoad = other.OnPitRoad; EngineWarnings = other.EngineWarnings; CarLeftRight = other.CarLeftRight;
        AirTemp = other.AirTemp; TrackTemp = other.TrackTemp;
        other.TyreTemp.AsSpan().CopyTo(TyreTemp); other.TyreWear.AsSpan().CopyTo(TyreWear);
        other.TyreSurfaceTemp.AsSpan().CopyTo(TyreSurfaceTemp);
        other.CarIdxLap.AsSpan().CopyTo(CarIdxLap); other.CarIdxLapCompleted.AsSpan().CopyTo(CarIdxLapCompleted);
        other.CarIdxLapDistPct.AsSpan().CopyTo(CarIdxLapDistPct); other.CarIdxPosition.AsSpan().CopyTo(CarIdxPosition);
        other.CarIdxClassPosition.AsSpan().CopyTo(CarIdxClassPosition); other.CarIdxClass.AsSpan().CopyTo(CarIdxClass);
        other.CarIdxOnPitRoad.AsSpan().CopyTo(CarIdxOnPitRoad); other.CarIdxTrackSurface.AsSpan().CopyTo(CarIdxTrackSurface);
        other.CarIdxEstTime.AsSpan().CopyTo(CarIdxEstTime); other.CarIdxF2Time.AsSpan().CopyTo(CarIdxF2Time);
        other.CarIdxLastLapTime.AsSpan().CopyTo(CarIdxLastLapTime); other.CarIdxBestLapTime.AsSpan().CopyTo(CarIdxBestLapTime);
    }
}

/// <summary>Optional variable groups; a missing group degrades the features that need it.</summary>
[Flags]
public enum TelemetryChannels : uint
{
    None = 0,
    FuelUsePerHour = 1 << 0,
    SessionFlags = 1 << 1,
    PlayerCarIdx = 1 << 2,
    SessionLapsRemainEx = 1 << 3,
    LapCompleted = 1 << 4,
    PlayerTrackSurface = 1 << 5,
    CarIdx = 1 << 6,
    CarLeftRight = 1 << 7,
    TyreTemps = 1 << 8,
    TyreWear = 1 << 9,
    Accelerations = 1 << 10,
    Position = 1 << 11,
    Incidents = 1 << 12,
    LapTimes = 1 << 13,
    EngineWarnings = 1 << 14,
    Temperatures = 1 << 15,
    /// <summary>Live tread surface temperatures (.ibt only).</summary>
    TyreSurfaceTemps = 1 << 16,
    /// <summary>Body-frame VelocityX/VelocityY (sideslip): .ibt files, not the live map.</summary>
    Velocities = 1 << 17,
    /// <summary>dcPitSpeedLimiterToggle exists: the car has a driver-operated pit limiter.</summary>
    PitLimiterControl = 1 << 18,
    YawRate = 1 << 19,
    /// <summary>PitsOpen: whether the sim allows the player a pit stop now (closed early in an iRacing caution).</summary>
    PitsOpen = 1 << 20,
}

/// <summary>Index of a tyre in the 12-slot temperature and wear arrays (×3 for left/middle/right).</summary>
public enum TyreCorner { LeftFront = 0, RightFront = 1, LeftRear = 2, RightRear = 3 }

/// <summary>irsdk_TrkLoc.</summary>
public enum TrackSurface
{
    NotInWorld = -1,
    OffTrack = 0,
    InPitStall = 1,
    ApproachingPits = 2,
    OnTrack = 3,
}

/// <summary>irsdk_SessionState.</summary>
public enum SessionState
{
    Invalid = 0,
    GetInCar = 1,
    Warmup = 2,
    ParadeLaps = 3,
    Racing = 4,
    Checkered = 5,
    CoolDown = 6,
}

/// <summary>irsdk_Flags (global and per-driver bits).</summary>
[Flags]
public enum SessionFlags : uint
{
    None = 0,
    Checkered = 0x00000001,
    White = 0x00000002,
    Green = 0x00000004,
    Yellow = 0x00000008,
    Red = 0x00000010,
    Blue = 0x00000020,
    Debris = 0x00000040,
    Crossed = 0x00000080,
    YellowWaving = 0x00000100,
    OneLapToGreen = 0x00000200,
    GreenHeld = 0x00000400,
    TenToGo = 0x00000800,
    FiveToGo = 0x00001000,
    RandomWaving = 0x00002000,
    Caution = 0x00004000,
    CautionWaving = 0x00008000,
    Black = 0x00010000,
    Disqualify = 0x00020000,
    Servicible = 0x00040000,
    Furled = 0x00080000,
    Repair = 0x00100000,
    StartHidden = 0x10000000,
    StartReady = 0x20000000,
    StartSet = 0x40000000,
    StartGo = 0x80000000,
}

/// <summary>irsdk_EngineWarnings.</summary>
[Flags]
public enum EngineWarnings : uint
{
    None = 0,
    WaterTempWarning = 0x01,
    FuelPressureWarning = 0x02,
    OilPressureWarning = 0x04,
    EngineStalled = 0x08,
    PitSpeedLimiter = 0x10,
    RevLimiterActive = 0x20,
    OilTempWarning = 0x40,
}

/// <summary>irsdk_CarLeftRight (declared bitfield in some builds, int in others: decode as int either way).</summary>
public enum CarLeftRight
{
    Off = 0,
    Clear = 1,
    CarLeft = 2,
    CarRight = 3,
    CarLeftRight = 4,
    TwoCarsLeft = 5,
    TwoCarsRight = 6,
}
