namespace CrewChief.Telemetry;

/// <summary>
/// The variables <see cref="IrsdkWriter"/> publishes, with iRacing's own names, types, counts, units and
/// descriptions, and their byte offsets inside one data buffer. Offsets are packed with no alignment padding
/// because that is what iRacing does (real maps put ints at odd offsets), so a reader is exercised on
/// unaligned reads exactly as it will be against the sim.
/// </summary>
internal static class IrsdkLiveLayout
{
    // irsdk_VarType
    public const int TypeChar = 0, TypeBool = 1, TypeInt = 2, TypeBitField = 3, TypeFloat = 4, TypeDouble = 5;

    /// <summary>Every variable in publication order; the enum value indexes <see cref="Specs"/> and <see cref="Offsets"/>.</summary>
    public enum Var
    {
        SessionTime, SessionTick, SessionNum, SessionState, SessionUniqueID, SessionFlags, SessionTimeRemain,
        SessionLapsRemain, SessionLapsRemainEx, DisplayUnits, IsOnTrack,
        PlayerCarPosition, PlayerCarClassPosition, PlayerCarClass, PlayerTrackSurface, PlayerCarIdx,
        PlayerCarTeamIncidentCount, PlayerCarMyIncidentCount, PlayerCarDriverIncidentCount,
        CarIdxLap, CarIdxLapCompleted, CarIdxLapDistPct, CarIdxTrackSurface, CarIdxOnPitRoad, CarIdxPosition,
        CarIdxClassPosition, CarIdxClass, CarIdxF2Time, CarIdxEstTime, CarIdxLastLapTime, CarIdxBestLapTime,
        OnPitRoad, SteeringWheelAngle, Throttle, Brake, Gear, RPM, Lap, LapCompleted, LapDist, LapDistPct,
        LapBestLapTime, LapLastLapTime, LapCurrentLapTime, LapDeltaToBestLap, LapDeltaToBestLap_OK, Speed,
        TrackTemp, TrackTempCrew, AirTemp, CarLeftRight, IsOnTrackCar,
        VertAccel, LatAccel, LongAccel, EngineWarnings, FuelLevel, FuelLevelPct, FuelUsePerHour, dcPitSpeedLimiterToggle, PitsOpen,
        RRtempCL, RRtempCM, RRtempCR, RRwearL, RRwearM, RRwearR,
        LRtempCL, LRtempCM, LRtempCR, LRwearL, LRwearM, LRwearR,
        RFtempCL, RFtempCM, RFtempCR, RFwearL, RFwearM, RFwearR,
        LFtempCL, LFtempCM, LFtempCR, LFwearL, LFwearM, LFwearR,
    }

    public readonly record struct Spec(string Name, int Type, int Count, string Unit, string Desc)
    {
        public int Size => Count * (Type switch { TypeChar or TypeBool => 1, TypeDouble => 8, _ => 4 });
    }

    public static readonly Spec[] Specs = BuildSpecs();

    /// <summary>Byte offset of each variable inside a data buffer, resolved once.</summary>
    public static readonly int[] Offsets = BuildOffsets();

    /// <summary>Bytes one data buffer needs (irsdk_header.bufLen).</summary>
    public static readonly int BufLen = Offsets[^1] + Specs[^1].Size;

    public static int Count => Specs.Length;

    private static Spec[] BuildSpecs()
    {
        const int N = TelemetryFrame.MaxCars;
        var s = new Spec[(int)Var.LFwearR + 1];
        void Add(Var v, string name, int type, string unit, string desc, int count = 1) => s[(int)v] = new Spec(name, type, count, unit, desc);

        Add(Var.SessionTime, nameof(Var.SessionTime), TypeDouble, "s", "Seconds since session start");
        Add(Var.SessionTick, nameof(Var.SessionTick), TypeInt, "", "Current update number");
        Add(Var.SessionNum, nameof(Var.SessionNum), TypeInt, "", "Session number");
        Add(Var.SessionState, nameof(Var.SessionState), TypeInt, "irsdk_SessionState", "Session state");
        Add(Var.SessionUniqueID, nameof(Var.SessionUniqueID), TypeInt, "", "Session ID");
        Add(Var.SessionFlags, nameof(Var.SessionFlags), TypeBitField, "irsdk_Flags", "Session flags");
        Add(Var.SessionTimeRemain, nameof(Var.SessionTimeRemain), TypeDouble, "s", "Seconds left till session ends");
        Add(Var.SessionLapsRemain, nameof(Var.SessionLapsRemain), TypeInt, "", "Old laps left till session ends use SessionLapsRemainEx");
        Add(Var.SessionLapsRemainEx, nameof(Var.SessionLapsRemainEx), TypeInt, "", "New improved laps left till session ends");
        Add(Var.DisplayUnits, nameof(Var.DisplayUnits), TypeInt, "", "Default units for the user interface 0 = english 1 = metric");
        Add(Var.IsOnTrack, nameof(Var.IsOnTrack), TypeBool, "", "1=Car on track physics running with player in car");
        Add(Var.PlayerCarPosition, nameof(Var.PlayerCarPosition), TypeInt, "", "Players position in race");
        Add(Var.PlayerCarClassPosition, nameof(Var.PlayerCarClassPosition), TypeInt, "", "Players class position in race");
        Add(Var.PlayerCarClass, nameof(Var.PlayerCarClass), TypeInt, "", "Player car class id");
        Add(Var.PlayerTrackSurface, nameof(Var.PlayerTrackSurface), TypeInt, "irsdk_TrkLoc", "Players car track surface type");
        Add(Var.PlayerCarIdx, nameof(Var.PlayerCarIdx), TypeInt, "", "Players carIdx");
        Add(Var.PlayerCarTeamIncidentCount, nameof(Var.PlayerCarTeamIncidentCount), TypeInt, "", "Players team incident count for this session");
        Add(Var.PlayerCarMyIncidentCount, nameof(Var.PlayerCarMyIncidentCount), TypeInt, "", "Players own incident count for this session");
        Add(Var.PlayerCarDriverIncidentCount, nameof(Var.PlayerCarDriverIncidentCount), TypeInt, "", "Teams current drivers incident count for this session");
        Add(Var.CarIdxLap, nameof(Var.CarIdxLap), TypeInt, "", "Laps started by car index", N);
        Add(Var.CarIdxLapCompleted, nameof(Var.CarIdxLapCompleted), TypeInt, "", "Laps completed by car index", N);
        Add(Var.CarIdxLapDistPct, nameof(Var.CarIdxLapDistPct), TypeFloat, "%", "Percentage distance around lap by car index", N);
        Add(Var.CarIdxTrackSurface, nameof(Var.CarIdxTrackSurface), TypeInt, "irsdk_TrkLoc", "Track surface type by car index", N);
        Add(Var.CarIdxOnPitRoad, nameof(Var.CarIdxOnPitRoad), TypeBool, "", "On pit road between the cones by car index", N);
        Add(Var.CarIdxPosition, nameof(Var.CarIdxPosition), TypeInt, "", "Cars position in race by car index", N);
        Add(Var.CarIdxClassPosition, nameof(Var.CarIdxClassPosition), TypeInt, "", "Cars class position in race by car index", N);
        Add(Var.CarIdxClass, nameof(Var.CarIdxClass), TypeInt, "", "Cars class id by car index", N);
        Add(Var.CarIdxF2Time, nameof(Var.CarIdxF2Time), TypeFloat, "s", "Race time behind leader or fastest lap time otherwise", N);
        Add(Var.CarIdxEstTime, nameof(Var.CarIdxEstTime), TypeFloat, "s", "Estimated time to reach current location on track", N);
        Add(Var.CarIdxLastLapTime, nameof(Var.CarIdxLastLapTime), TypeFloat, "s", "Cars last lap time", N);
        Add(Var.CarIdxBestLapTime, nameof(Var.CarIdxBestLapTime), TypeFloat, "s", "Cars best lap time", N);
        Add(Var.OnPitRoad, nameof(Var.OnPitRoad), TypeBool, "", "Is the player car on pit road between the cones");
        Add(Var.SteeringWheelAngle, nameof(Var.SteeringWheelAngle), TypeFloat, "rad", "Steering wheel angle");
        Add(Var.Throttle, nameof(Var.Throttle), TypeFloat, "%", "0=off throttle to 1=full throttle");
        Add(Var.Brake, nameof(Var.Brake), TypeFloat, "%", "0=brake released to 1=max pedal force");
        Add(Var.Gear, nameof(Var.Gear), TypeInt, "", "-1=reverse  0=neutral  1..n=current gear");
        Add(Var.RPM, nameof(Var.RPM), TypeFloat, "revs/min", "Engine rpm");
        Add(Var.Lap, nameof(Var.Lap), TypeInt, "", "Laps started count");
        Add(Var.LapCompleted, nameof(Var.LapCompleted), TypeInt, "", "Laps completed count");
        Add(Var.LapDist, nameof(Var.LapDist), TypeFloat, "m", "Meters traveled from S/F this lap");
        Add(Var.LapDistPct, nameof(Var.LapDistPct), TypeFloat, "%", "Percentage distance around lap");
        Add(Var.LapBestLapTime, nameof(Var.LapBestLapTime), TypeFloat, "s", "Players best lap time");
        Add(Var.LapLastLapTime, nameof(Var.LapLastLapTime), TypeFloat, "s", "Players last lap time");
        Add(Var.LapCurrentLapTime, nameof(Var.LapCurrentLapTime), TypeFloat, "s", "Estimate of players current lap time as shown in F3 box");
        Add(Var.LapDeltaToBestLap, nameof(Var.LapDeltaToBestLap), TypeFloat, "s", "Delta time for best lap");
        Add(Var.LapDeltaToBestLap_OK, nameof(Var.LapDeltaToBestLap_OK), TypeBool, "", "Delta time for best lap is valid");
        Add(Var.Speed, nameof(Var.Speed), TypeFloat, "m/s", "GPS vehicle speed");
        Add(Var.TrackTemp, nameof(Var.TrackTemp), TypeFloat, "C", "Deprecated  set to TrackTempCrew");
        Add(Var.TrackTempCrew, nameof(Var.TrackTempCrew), TypeFloat, "C", "Temperature of track measured by crew around track");
        Add(Var.AirTemp, nameof(Var.AirTemp), TypeFloat, "C", "Temperature of air at start/finish line");
        // Declared bitfield by current builds (int by some older ones); the values are an enum either way.
        Add(Var.CarLeftRight, nameof(Var.CarLeftRight), TypeBitField, "irsdk_CarLeftRight", "Notify if car is to the left or right of driver");
        Add(Var.IsOnTrackCar, nameof(Var.IsOnTrackCar), TypeBool, "", "1=Car on track physics running");
        Add(Var.VertAccel, nameof(Var.VertAccel), TypeFloat, "m/s^2", "Vertical acceleration (including gravity)");
        Add(Var.LatAccel, nameof(Var.LatAccel), TypeFloat, "m/s^2", "Lateral acceleration (including gravity)");
        Add(Var.LongAccel, nameof(Var.LongAccel), TypeFloat, "m/s^2", "Longitudinal acceleration (including gravity)");
        Add(Var.EngineWarnings, nameof(Var.EngineWarnings), TypeBitField, "irsdk_EngineWarnings", "Bitfield for warning lights");
        Add(Var.FuelLevel, nameof(Var.FuelLevel), TypeFloat, "l", "Liters of fuel remaining");
        Add(Var.FuelLevelPct, nameof(Var.FuelLevelPct), TypeFloat, "%", "Percent fuel remaining");
        Add(Var.FuelUsePerHour, nameof(Var.FuelUsePerHour), TypeFloat, "kg/h", "Engine fuel used instantaneous");
        // Published only by cars that have a pit limiter (the demo's GT3 car does).
        Add(Var.dcPitSpeedLimiterToggle, nameof(Var.dcPitSpeedLimiterToggle), TypeBool, "", "Track if pit speed limiter system is enabled");
        // Published only by a source that knows it (iRacing, its live dumps); race timing has no such signal.
        Add(Var.PitsOpen, nameof(Var.PitsOpen), TypeBool, "", "True if pit stop is allowed for the current player");

        ReadOnlySpan<string> corners = ["RR", "LR", "RF", "LF"];
        ReadOnlySpan<string> sides = ["left", "middle", "right"];
        int v = (int)Var.RRtempCL;
        for (int c = 0; c < corners.Length; c++)
        {
            for (int i = 0; i < 3; i++, v++)
                s[v] = new Spec($"{corners[c]}tempC{"LMR"[i]}", TypeFloat, 1, "C", $"{corners[c]} tire {sides[i]} carcass temperature");
            for (int i = 0; i < 3; i++, v++)
                s[v] = new Spec($"{corners[c]}wear{"LMR"[i]}", TypeFloat, 1, "%", $"{corners[c]} tire {sides[i]} percent tread remaining");
        }
        return s;
    }

    private static int[] BuildOffsets()
    {
        var offsets = new int[Specs.Length];
        int at = 0;
        for (int i = 0; i < Specs.Length; i++)
        {
            offsets[i] = at;
            at += Specs[i].Size;
        }
        return offsets;
    }

    /// <summary>Index into <see cref="TelemetryFrame.TyreTemp"/>/TyreWear for the tyre variables at <paramref name="var"/>.</summary>
    public static int TyreSlot(Var var, out bool isWear)
    {
        int k = var - Var.RRtempCL;              // 0..23: RR temps, RR wear, LR temps, LR wear, RF..., LF...
        int publishedCorner = k / 6;
        isWear = k % 6 >= 3;
        TyreCorner corner = publishedCorner switch
        {
            0 => TyreCorner.RightRear,
            1 => TyreCorner.LeftRear,
            2 => TyreCorner.RightFront,
            _ => TyreCorner.LeftFront,
        };
        return (int)corner * 3 + k % 3;
    }
}
