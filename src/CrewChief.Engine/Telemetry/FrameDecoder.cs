using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CrewChief.Telemetry.Plausibility;

namespace CrewChief.Telemetry;

/// <summary>
/// Decodes one var buffer into a preallocated <see cref="TelemetryFrame"/>. Every variable is resolved to an offset
/// once, when the decoder is built for a session; <see cref="Decode"/> then only reads at fixed offsets and never
/// allocates. Values are converted from whatever type the file declares (CarLeftRight is bitfield in some builds,
/// int in others). Missing variables decode to defaults and their group is left out of <see cref="Available"/>.
/// </summary>
public sealed class FrameDecoder
{
    private const int TyreSlots = 12;
    private static readonly string[] s_corners = ["LF", "RF", "LR", "RR"];

    /// <summary>Length every buffer passed to <see cref="Decode"/> must have at least.</summary>
    public int BufferLength { get; }
    /// <summary>Groups this session's variable table has.</summary>
    public TelemetryChannels Available { get; }
    /// <summary>Used when the file has no PlayerCarIdx variable (header ver 1): DriverInfo.DriverCarIdx from the YAML.</summary>
    public int FallbackPlayerCarIdx { get; set; }
    /// <summary>Marks values outside physical ranges missing for the tick (see <see cref="FramePlausibility"/>).</summary>
    public FramePlausibility Plausibility { get; } = new();

    private readonly VarSlot _sessionTime, _sessionTick, _sessionNum, _sessionState, _sessionFlags, _sessionTimeRemain;
    private readonly VarSlot _pitsOpen;
    private readonly VarSlot _sessionLapsRemainEx, _sessionLapsRemain;
    private readonly VarSlot _isOnTrack, _isOnTrackCar, _playerTrackSurface, _playerCarIdx, _playerCarPosition;
    private readonly VarSlot _playerCarClassPosition, _incidents, _lap, _lapCompleted, _lapDist, _lapDistPct;
    private readonly VarSlot _lapCurrent, _lapLast, _lapBest, _lapDeltaToBest;
    private readonly VarSlot _speed, _rpm, _gear, _throttle, _brake, _steering, _latAccel, _longAccel, _vertAccel;
    private readonly VarSlot _fuelLevel, _fuelLevelPct, _fuelUsePerHour, _onPitRoad, _engineWarnings, _carLeftRight;
    private readonly VarSlot _airTemp, _trackTemp;
    private readonly VarSlot _velocityX, _velocityY, _yawRate, _pitLimiterToggle;
    private readonly VarSlot[] _tyreTemp = new VarSlot[TyreSlots];
    private readonly VarSlot[] _tyreWear = new VarSlot[TyreSlots];
    private readonly VarSlot[] _tyreSurface = new VarSlot[TyreSlots];
    private readonly VarSlot _carIdxLap, _carIdxLapCompleted, _carIdxLapDistPct, _carIdxPosition, _carIdxClassPosition;
    private readonly VarSlot _carIdxClass, _carIdxOnPitRoad, _carIdxTrackSurface, _carIdxEstTime, _carIdxF2Time;
    private readonly VarSlot _carIdxLastLapTime, _carIdxBestLapTime;

    public FrameDecoder(VarTable vars, int bufferLength, int fallbackPlayerCarIdx = 0)
    {
        ArgumentNullException.ThrowIfNull(vars);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("irsdk data is little-endian; this CPU is not");
        BufferLength = bufferLength;
        FallbackPlayerCarIdx = fallbackPlayerCarIdx;
        int n = bufferLength;
        _sessionTime = VarSlot.Resolve(vars, "SessionTime", n);
        _sessionTick = VarSlot.Resolve(vars, "SessionTick", n);
        _sessionNum = VarSlot.Resolve(vars, "SessionNum", n);
        _sessionState = VarSlot.Resolve(vars, "SessionState", n);
        _sessionFlags = VarSlot.Resolve(vars, "SessionFlags", n);
        _pitsOpen = VarSlot.Resolve(vars, "PitsOpen", n);
        _sessionTimeRemain = VarSlot.Resolve(vars, "SessionTimeRemain", n);
        _sessionLapsRemainEx = VarSlot.Resolve(vars, "SessionLapsRemainEx", n);
        _sessionLapsRemain = VarSlot.Resolve(vars, "SessionLapsRemain", n);
        _isOnTrack = VarSlot.Resolve(vars, "IsOnTrack", n);
        _isOnTrackCar = VarSlot.Resolve(vars, "IsOnTrackCar", n);
        _playerTrackSurface = VarSlot.Resolve(vars, "PlayerTrackSurface", n);
        _playerCarIdx = VarSlot.Resolve(vars, "PlayerCarIdx", n);
        _playerCarPosition = VarSlot.Resolve(vars, "PlayerCarPosition", n);
        _playerCarClassPosition = VarSlot.Resolve(vars, "PlayerCarClassPosition", n);
        _incidents = VarSlot.Resolve(vars, "PlayerCarMyIncidentCount", n);
        _lap = VarSlot.Resolve(vars, "Lap", n);
        _lapCompleted = VarSlot.Resolve(vars, "LapCompleted", n);
        _lapDist = VarSlot.Resolve(vars, "LapDist", n);
        _lapDistPct = VarSlot.Resolve(vars, "LapDistPct", n);
        _lapCurrent = VarSlot.Resolve(vars, "LapCurrentLapTime", n);
        _lapLast = VarSlot.Resolve(vars, "LapLastLapTime", n);
        _lapBest = VarSlot.Resolve(vars, "LapBestLapTime", n);
        _lapDeltaToBest = VarSlot.Resolve(vars, "LapDeltaToBestLap", n);
        _speed = VarSlot.Resolve(vars, "Speed", n);
        _rpm = VarSlot.Resolve(vars, "RPM", n);
        _gear = VarSlot.Resolve(vars, "Gear", n);
        _throttle = VarSlot.Resolve(vars, "Throttle", n);
        _brake = VarSlot.Resolve(vars, "Brake", n);
        _steering = VarSlot.Resolve(vars, "SteeringWheelAngle", n);
        _latAccel = VarSlot.Resolve(vars, "LatAccel", n);
        _longAccel = VarSlot.Resolve(vars, "LongAccel", n);
        _vertAccel = VarSlot.Resolve(vars, "VertAccel", n);
        _fuelLevel = VarSlot.Resolve(vars, "FuelLevel", n);
        _fuelLevelPct = VarSlot.Resolve(vars, "FuelLevelPct", n);
        _fuelUsePerHour = VarSlot.Resolve(vars, "FuelUsePerHour", n);
        _onPitRoad = VarSlot.Resolve(vars, "OnPitRoad", n);
        _engineWarnings = VarSlot.Resolve(vars, "EngineWarnings", n);
        _carLeftRight = VarSlot.Resolve(vars, "CarLeftRight", n);
        _airTemp = VarSlot.Resolve(vars, "AirTemp", n);
        _velocityX = VarSlot.Resolve(vars, "VelocityX", n);
        _velocityY = VarSlot.Resolve(vars, "VelocityY", n);
        _yawRate = VarSlot.Resolve(vars, "YawRate", n);
        // Only its presence matters: cars without a pit limiter (many 2015 oval cars) do not publish it.
        _pitLimiterToggle = VarSlot.Resolve(vars, "dcPitSpeedLimiterToggle", n);
        // Newer builds also publish TrackTempCrew (the crew's reading); TrackTemp is the surface itself.
        _trackTemp = VarSlot.Resolve(vars, "TrackTemp", "TrackTempCrew", n);
        for (int c = 0; c < 4; c++)
        {
            _tyreTemp[3 * c] = VarSlot.Resolve(vars, s_corners[c] + "tempCL", n);
            _tyreTemp[3 * c + 1] = VarSlot.Resolve(vars, s_corners[c] + "tempCM", n);
            _tyreTemp[3 * c + 2] = VarSlot.Resolve(vars, s_corners[c] + "tempCR", n);
            _tyreWear[3 * c] = VarSlot.Resolve(vars, s_corners[c] + "wearL", n);
            _tyreWear[3 * c + 1] = VarSlot.Resolve(vars, s_corners[c] + "wearM", n);
            _tyreWear[3 * c + 2] = VarSlot.Resolve(vars, s_corners[c] + "wearR", n);
            _tyreSurface[3 * c] = VarSlot.Resolve(vars, s_corners[c] + "tempL", n);
            _tyreSurface[3 * c + 1] = VarSlot.Resolve(vars, s_corners[c] + "tempM", n);
            _tyreSurface[3 * c + 2] = VarSlot.Resolve(vars, s_corners[c] + "tempR", n);
        }
        _carIdxLap = VarSlot.Resolve(vars, "CarIdxLap", n);
        _carIdxLapCompleted = VarSlot.Resolve(vars, "CarIdxLapCompleted", n);
        _carIdxLapDistPct = VarSlot.Resolve(vars, "CarIdxLapDistPct", n);
        _carIdxPosition = VarSlot.Resolve(vars, "CarIdxPosition", n);
        _carIdxClassPosition = VarSlot.Resolve(vars, "CarIdxClassPosition", n);
        _carIdxClass = VarSlot.Resolve(vars, "CarIdxClass", n);
        _carIdxOnPitRoad = VarSlot.Resolve(vars, "CarIdxOnPitRoad", n);
        _carIdxTrackSurface = VarSlot.Resolve(vars, "CarIdxTrackSurface", n);
        _carIdxEstTime = VarSlot.Resolve(vars, "CarIdxEstTime", n);
        _carIdxF2Time = VarSlot.Resolve(vars, "CarIdxF2Time", n);
        _carIdxLastLapTime = VarSlot.Resolve(vars, "CarIdxLastLapTime", n);
        _carIdxBestLapTime = VarSlot.Resolve(vars, "CarIdxBestLapTime", n);
        Available = ComputeAvailable();
    }

    private TelemetryChannels ComputeAvailable()
    {
        var a = TelemetryChannels.None;
        if (_fuelUsePerHour.Present) a |= TelemetryChannels.FuelUsePerHour;
        if (_sessionFlags.Present) a |= TelemetryChannels.SessionFlags;
        if (_pitsOpen.Present) a |= TelemetryChannels.PitsOpen;
        if (_playerCarIdx.Present) a |= TelemetryChannels.PlayerCarIdx;
        if (_sessionLapsRemainEx.Present) a |= TelemetryChannels.SessionLapsRemainEx;
        if (_lapCompleted.Present) a |= TelemetryChannels.LapCompleted;
        if (_playerTrackSurface.Present) a |= TelemetryChannels.PlayerTrackSurface;
        if (_carIdxLap.Present && _carIdxLapDistPct.Present) a |= TelemetryChannels.CarIdx;
        if (_carLeftRight.Present) a |= TelemetryChannels.CarLeftRight;
        if (AllPresent(_tyreTemp)) a |= TelemetryChannels.TyreTemps;
        if (AllPresent(_tyreWear)) a |= TelemetryChannels.TyreWear;
        if (AllPresent(_tyreSurface)) a |= TelemetryChannels.TyreSurfaceTemps;
        if (_latAccel.Present && _longAccel.Present) a |= TelemetryChannels.Accelerations;
        if (_playerCarPosition.Present) a |= TelemetryChannels.Position;
        if (_incidents.Present) a |= TelemetryChannels.Incidents;
        if (_lapLast.Present && _lapBest.Present) a |= TelemetryChannels.LapTimes;
        if (_engineWarnings.Present) a |= TelemetryChannels.EngineWarnings;
        if (_airTemp.Present && _trackTemp.Present) a |= TelemetryChannels.Temperatures;
        if (_velocityX.Present && _velocityY.Present) a |= TelemetryChannels.Velocities;
        if (_pitLimiterToggle.Present) a |= TelemetryChannels.PitLimiterControl;
        if (_yawRate.Present) a |= TelemetryChannels.YawRate;
        return a;
    }

    private static bool AllPresent(VarSlot[] slots)
    {
        foreach (var s in slots) if (!s.Present) return false;
        return true;
    }

    /// <summary>
    /// Overwrites every field of <paramref name="frame"/> from <paramref name="buffer"/> except TickCount,
    /// RecordIndex and SessionInfoUpdate, which only the source knows.
    /// </summary>
    public void Decode(ReadOnlySpan<byte> buffer, TelemetryFrame frame)
    {
        if (buffer.Length < BufferLength) ThrowShortBuffer(buffer.Length);
        ref byte b = ref MemoryMarshal.GetReference(buffer);
        var f = frame;
        f.Available = Available;

        f.SessionTime = _sessionTime.ReadDouble(ref b);
        f.SessionNum = _sessionNum.ReadInt(ref b);
        f.SessionState = (SessionState)_sessionState.ReadInt(ref b);
        f.SessionFlags = (SessionFlags)(uint)_sessionFlags.ReadInt(ref b);
        f.PitsOpen = _pitsOpen.Present && _pitsOpen.ReadBool(ref b);
        f.SessionTimeRemain = _sessionTimeRemain.ReadDouble(ref b);
        // Old builds only have SessionLapsRemain (off by one against the Ex variant); 32767 is irsdk's "unlimited".
        f.SessionLapsRemainEx = _sessionLapsRemainEx.Present ? _sessionLapsRemainEx.ReadInt(ref b)
            : _sessionLapsRemain.ReadInt(ref b, missing: 32767);

        f.IsOnTrack = _isOnTrack.ReadBool(ref b);
        f.IsOnTrackCar = _isOnTrackCar.Present ? _isOnTrackCar.ReadBool(ref b) : f.IsOnTrack;
        f.PlayerCarIdx = _playerCarIdx.ReadInt(ref b, missing: FallbackPlayerCarIdx);
        f.PlayerCarPosition = _playerCarPosition.ReadInt(ref b);
        f.PlayerCarClassPosition = _playerCarClassPosition.ReadInt(ref b);
        f.PlayerCarMyIncidentCount = _incidents.ReadInt(ref b);
        f.Lap = _lap.ReadInt(ref b);
        f.LapCompleted = _lapCompleted.Present ? _lapCompleted.ReadInt(ref b) : Math.Max(0, f.Lap - 1);
        f.LapDist = _lapDist.ReadFloat(ref b);
        f.LapDistPct = _lapDistPct.ReadFloat(ref b);
        f.LapCurrentLapTime = _lapCurrent.ReadFloat(ref b);
        f.LapLastLapTime = _lapLast.ReadFloat(ref b);
        f.LapBestLapTime = _lapBest.ReadFloat(ref b);
        f.LapDeltaToBestLap = _lapDeltaToBest.ReadFloat(ref b);
        f.Speed = _speed.ReadFloat(ref b);
        f.Rpm = _rpm.ReadFloat(ref b);
        f.Gear = _gear.ReadInt(ref b);
        f.Throttle = _throttle.ReadFloat(ref b);
        f.Brake = _brake.ReadFloat(ref b);
        f.SteeringWheelAngle = _steering.ReadFloat(ref b);
        f.LatAccel = _latAccel.ReadFloat(ref b);
        f.LongAccel = _longAccel.ReadFloat(ref b);
        f.VertAccel = _vertAccel.ReadFloat(ref b);
        f.VelocityX = _velocityX.ReadFloat(ref b);
        f.VelocityY = _velocityY.ReadFloat(ref b);
        f.YawRate = _yawRate.ReadFloat(ref b);
        f.FuelLevel = _fuelLevel.ReadFloat(ref b);
        f.FuelLevelPct = _fuelLevelPct.ReadFloat(ref b);
        f.FuelUsePerHour = _fuelUsePerHour.ReadFloat(ref b);
        f.OnPitRoad = _onPitRoad.ReadBool(ref b);
        f.EngineWarnings = (EngineWarnings)(uint)_engineWarnings.ReadInt(ref b);
        f.CarLeftRight = (CarLeftRight)_carLeftRight.ReadInt(ref b);
        f.AirTemp = _airTemp.ReadFloat(ref b);
        f.TrackTemp = _trackTemp.ReadFloat(ref b);
        f.SessionTick = _sessionTick.Present ? _sessionTick.ReadInt(ref b) : (int)Math.Round(f.SessionTime * 60);
        f.PlayerTrackSurface = _playerTrackSurface.Present
            ? (TrackSurface)_playerTrackSurface.ReadInt(ref b)
            : GuessTrackSurface(f);

        for (int i = 0; i < TyreSlots; i++)
        {
            f.TyreTemp[i] = _tyreTemp[i].ReadFloat(ref b);
            f.TyreWear[i] = _tyreWear[i].ReadFloat(ref b);
            f.TyreSurfaceTemp[i] = _tyreSurface[i].ReadFloat(ref b);
        }

        _carIdxLap.ReadInts(ref b, f.CarIdxLap);
        _carIdxLapCompleted.ReadInts(ref b, f.CarIdxLapCompleted);
        _carIdxLapDistPct.ReadFloats(ref b, f.CarIdxLapDistPct);
        _carIdxPosition.ReadInts(ref b, f.CarIdxPosition);
        _carIdxClassPosition.ReadInts(ref b, f.CarIdxClassPosition);
        _carIdxClass.ReadInts(ref b, f.CarIdxClass);
        _carIdxOnPitRoad.ReadBools(ref b, f.CarIdxOnPitRoad);
        if (_carIdxTrackSurface.Present)
        {
            _carIdxTrackSurface.ReadInts(ref b, MemoryMarshal.Cast<TrackSurface, int>(f.CarIdxTrackSurface.AsSpan()));
        }
        else
        {
            // No data means nobody is known to be in the world, not "everyone off track" (which 0 would say).
            f.CarIdxTrackSurface.AsSpan().Fill(TrackSurface.NotInWorld);
        }
        _carIdxEstTime.ReadFloats(ref b, f.CarIdxEstTime);
        _carIdxF2Time.ReadFloats(ref b, f.CarIdxF2Time);
        _carIdxLastLapTime.ReadFloats(ref b, f.CarIdxLastLapTime);
        _carIdxBestLapTime.ReadFloats(ref b, f.CarIdxBestLapTime);

        Plausibility.Apply(f);
    }

    /// <summary>
    /// Header ver 1 files lack PlayerTrackSurface. Their placeholder records (car not in the world) read Lap 0,
    /// LapDistPct exactly 0 and Speed exactly 0; a real car sitting on the line still has a non-zero LapDistPct
    /// or a lap number, so this does not mistake a stopped car for a placeholder.
    /// </summary>
    private static TrackSurface GuessTrackSurface(TelemetryFrame f)
    {
        if (f.Lap == 0 && f.LapDistPct == 0f && f.Speed == 0f) return TrackSurface.NotInWorld;
        if (!f.IsOnTrack) return TrackSurface.NotInWorld;
        return f.OnPitRoad ? TrackSurface.ApproachingPits : TrackSurface.OnTrack;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowShortBuffer(int length) =>
        throw new ArgumentException($"var buffer is {length} bytes; this session's buffers are {BufferLength}");
}
