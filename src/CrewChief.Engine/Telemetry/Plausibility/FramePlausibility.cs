using System.Runtime.CompilerServices;

namespace CrewChief.Telemetry.Plausibility;

/// <summary>
/// Run by <see cref="FrameDecoder"/> on every decoded tick: values outside <see cref="ChannelLimits"/> are marked
/// missing for that tick, so nothing downstream raises an event on them. An optional group (tyres, temperatures,
/// lap times, flags…) is taken out of <see cref="TelemetryFrame.Available"/>; a core channel (session time, lap,
/// fuel, speed…) makes the whole tick unusable (<see cref="TelemetryFrame.Implausible"/>), and consumers treat it like
/// a tick where the car is not in the world. A car in the CarIdx arrays with impossible values is shown as not in
/// the world for the tick. Says once, in one line, that the data looks corrupt. Allocation-free on the hot path.
/// </summary>
public sealed class FramePlausibility
{
    /// <summary>How many consecutive ticks a new SessionFlags value must hold before it is believed while the data
    /// looks corrupt: a real flag stays out for seconds, while garbage changes every tick. 50 ms at 60 Hz.</summary>
    public const int FlagConfirmTicks = 3;

    /// <summary>Flags value currently believed; null until the first sane value.</summary>
    private uint _acceptedFlags;
    private bool _haveFlags;
    /// <summary>A changed flags value waiting for confirmation, and for how many ticks it has held.</summary>
    private uint _pendingFlags;
    private int _pendingTicks;
    private bool _reported;
    /// <summary>Ticks left in which flag changes need confirming: set on any implausible value, counted down on clean ticks.</summary>
    private int _suspectTicks;
    /// <summary>Ten seconds at 60 Hz.</summary>
    private const int SuspectTicks = 600;

    /// <summary>Where the one "looks corrupt" line goes (stderr by default; tests capture it).</summary>
    public TextWriter? Report { get; set; } = Console.Error;
    /// <summary>Named in the note ("live map", a file name).</summary>
    public string SourceName { get; set; } = "telemetry";
    /// <summary>Ticks that had at least one implausible value.</summary>
    public long CorruptTicks { get; private set; }

    /// <summary>Forgets the flag history (a new session or a replay restart).</summary>
    public void Reset()
    {
        _haveFlags = false;
        _pendingTicks = 0;
        _suspectTicks = 0;
    }

    public void Apply(TelemetryFrame f)
    {
        var dropped = TelemetryChannels.None;
        string? first = null;
        var have = f.Available;

        bool core = ChannelLimits.In(f.SessionTime, -1, ChannelLimits.MaxSessionSeconds)
            && ChannelLimits.In(f.SessionNum, -1, ChannelLimits.MaxSessionNum)
            && ChannelLimits.In((int)f.SessionState, 0, 6)
            && ChannelLimits.In(f.SessionTimeRemain, -10, ChannelLimits.MaxSessionSeconds)
            && ChannelLimits.In(f.SessionLapsRemainEx, -1, ChannelLimits.MaxLapsRemaining)
            && ChannelLimits.In(f.Lap, -1, ChannelLimits.MaxLap)
            && ChannelLimits.In(f.LapCompleted, -1, ChannelLimits.MaxLap)
            && ChannelLimits.In(f.LapDistPct, -2, 2)
            && ChannelLimits.In(f.LapDist, -ChannelLimits.MaxLapDistMetres, ChannelLimits.MaxLapDistMetres)
            && ChannelLimits.In(f.LapCurrentLapTime, -1, 86_400)
            && ChannelLimits.In(f.LapDeltaToBestLap, -86_400, 86_400)
            && ChannelLimits.In(f.Speed, ChannelLimits.MinSpeed, ChannelLimits.MaxSpeed)
            && ChannelLimits.In(f.Rpm, -1_000, ChannelLimits.MaxRpm)
            && ChannelLimits.In(f.Gear, ChannelLimits.MinGear, ChannelLimits.MaxGear)
            && ChannelLimits.In(f.Throttle, -0.1, 1.1)
            && ChannelLimits.In(f.Brake, -0.1, 1.1)
            && ChannelLimits.In(f.SteeringWheelAngle, -100, 100)
            && ChannelLimits.In(f.VertAccel, -ChannelLimits.MaxAccel, ChannelLimits.MaxAccel)
            && ChannelLimits.In(f.FuelLevel, -1, ChannelLimits.MaxFuelLitres)
            && ChannelLimits.In(f.FuelLevelPct, -0.1, 1.5)
            && ChannelLimits.In((int)f.PlayerTrackSurface, -1, 3);
        if (!core) first = "session, lap, fuel or speed";

        if ((have & TelemetryChannels.FuelUsePerHour) != 0 && !ChannelLimits.In(f.FuelUsePerHour, -1, ChannelLimits.MaxFuelUsePerHour))
            Drop(ref dropped, TelemetryChannels.FuelUsePerHour, ref first, "FuelUsePerHour");
        if ((have & TelemetryChannels.PlayerCarIdx) != 0 && !ChannelLimits.In(f.PlayerCarIdx, -1, TelemetryFrame.MaxCars - 1))
            Drop(ref dropped, TelemetryChannels.PlayerCarIdx, ref first, "PlayerCarIdx");
        if ((have & TelemetryChannels.CarLeftRight) != 0 && !ChannelLimits.In((int)f.CarLeftRight, 0, 6))
            Drop(ref dropped, TelemetryChannels.CarLeftRight, ref first, "CarLeftRight");
        if ((have & TelemetryChannels.TyreTemps) != 0 && !AllIn(f.TyreTemp, ChannelLimits.MinTyreTemp, ChannelLimits.MaxTyreTemp))
            Drop(ref dropped, TelemetryChannels.TyreTemps, ref first, "tyre temperatures");
        if ((have & TelemetryChannels.TyreWear) != 0 && !AllIn(f.TyreWear, -0.01f, 1.01f))
            Drop(ref dropped, TelemetryChannels.TyreWear, ref first, "tyre wear");
        if ((have & TelemetryChannels.Accelerations) != 0
            && !(ChannelLimits.In(f.LatAccel, -ChannelLimits.MaxAccel, ChannelLimits.MaxAccel)
                 && ChannelLimits.In(f.LongAccel, -ChannelLimits.MaxAccel, ChannelLimits.MaxAccel)))
            Drop(ref dropped, TelemetryChannels.Accelerations, ref first, "accelerations");
        if ((have & TelemetryChannels.Position) != 0
            && !(ChannelLimits.In(f.PlayerCarPosition, 0, ChannelLimits.MaxPosition)
                 && ChannelLimits.In(f.PlayerCarClassPosition, 0, ChannelLimits.MaxPosition)))
            Drop(ref dropped, TelemetryChannels.Position, ref first, "position");
        if ((have & TelemetryChannels.Incidents) != 0 && !ChannelLimits.In(f.PlayerCarMyIncidentCount, 0, ChannelLimits.MaxIncidents))
            Drop(ref dropped, TelemetryChannels.Incidents, ref first, "incident count");
        if ((have & TelemetryChannels.LapTimes) != 0
            && !(ChannelLimits.In(f.LapLastLapTime, -1, ChannelLimits.MaxLapSeconds)
                 && ChannelLimits.In(f.LapBestLapTime, -1, ChannelLimits.MaxLapSeconds)))
            Drop(ref dropped, TelemetryChannels.LapTimes, ref first, "lap times");
        if ((have & TelemetryChannels.EngineWarnings) != 0 && ((uint)f.EngineWarnings & ~ChannelLimits.KnownEngineWarningBits) != 0)
            Drop(ref dropped, TelemetryChannels.EngineWarnings, ref first, "EngineWarnings");
        if ((have & TelemetryChannels.Temperatures) != 0
            && !(ChannelLimits.In(f.AirTemp, ChannelLimits.MinAmbientTemp, ChannelLimits.MaxAmbientTemp)
                 && ChannelLimits.In(f.TrackTemp, ChannelLimits.MinAmbientTemp, ChannelLimits.MaxAmbientTemp)))
            Drop(ref dropped, TelemetryChannels.Temperatures, ref first, "air/track temperature");
        if ((have & TelemetryChannels.CarIdx) != 0 && HideImplausibleCars(f) > 0) first ??= "CarIdx arrays";
        // Flags are checked last: whether a change needs confirming depends on whether the data looks corrupt.
        if (first is not null) _suspectTicks = SuspectTicks;
        else if (_suspectTicks > 0) _suspectTicks--;
        if ((have & TelemetryChannels.SessionFlags) != 0 && !ConfirmFlags(f))
            Drop(ref dropped, TelemetryChannels.SessionFlags, ref first, "SessionFlags");

        f.Available = have & ~dropped;
        f.Implausible = dropped;
        f.ImplausibleCore = !core;
        if (first is not null)
        {
            CorruptTicks++;
            if (!_reported) ReportOnce(first);
        }
    }

    private static void Drop(ref TelemetryChannels dropped, TelemetryChannels group, ref string? first, string what)
    {
        dropped |= group;
        first ??= what;
    }

    /// <summary>
    /// Holds the believed flags until a changed value has been seen on <see cref="FlagConfirmTicks"/> consecutive
    /// ticks. The very first sane value is believed at once (a session joined under a yellow). False when the raw
    /// value is not a bit set the sim can produce; the believed value is then kept but the group is missing.
    /// </summary>
    private bool ConfirmFlags(TelemetryFrame f)
    {
        uint raw = (uint)f.SessionFlags;
        if (!ChannelLimits.SaneFlags(raw))
        {
            _pendingTicks = 0;
            f.SessionFlags = (SessionFlags)_acceptedFlags;
            return false;
        }
        // Clean data passes at once (a recording replayed a sample per tick must read as recorded); only while
        // the data has looked corrupt within the last few seconds must a change hold before it is believed.
        if (!_haveFlags || raw == _acceptedFlags || _suspectTicks == 0)
        {
            _acceptedFlags = raw;
            _haveFlags = true;
            _pendingTicks = 0;
            return true;
        }
        if (_pendingTicks > 0 && raw == _pendingFlags) _pendingTicks++;
        else { _pendingFlags = raw; _pendingTicks = 1; }
        if (_pendingTicks >= FlagConfirmTicks)
        {
            _acceptedFlags = raw;
            _pendingTicks = 0;
        }
        f.SessionFlags = (SessionFlags)_acceptedFlags;
        return true;
    }

    /// <summary>Marks cars whose CarIdx values no sim produces as not in the world for this tick.</summary>
    private static int HideImplausibleCars(TelemetryFrame f)
    {
        int hidden = 0;
        for (int i = 0; i < TelemetryFrame.MaxCars; i++)
        {
            if (f.CarIdxTrackSurface[i] == TrackSurface.NotInWorld) continue;
            bool ok = ChannelLimits.In((int)f.CarIdxTrackSurface[i], -1, 3)
                && ChannelLimits.In(f.CarIdxLap[i], -1, ChannelLimits.MaxLap)
                && ChannelLimits.In(f.CarIdxLapCompleted[i], -1, ChannelLimits.MaxLap)
                && ChannelLimits.In(f.CarIdxLapDistPct[i], -2, 2)
                && ChannelLimits.In(f.CarIdxPosition[i], -1, ChannelLimits.MaxPosition)
                && ChannelLimits.In(f.CarIdxClassPosition[i], -1, ChannelLimits.MaxPosition)
                && ChannelLimits.In(f.CarIdxEstTime[i], -1, 86_400)
                && ChannelLimits.In(f.CarIdxF2Time[i], -ChannelLimits.MaxSessionSeconds, ChannelLimits.MaxSessionSeconds)
                && ChannelLimits.In(f.CarIdxLastLapTime[i], -1, ChannelLimits.MaxLapSeconds)
                && ChannelLimits.In(f.CarIdxBestLapTime[i], -1, ChannelLimits.MaxLapSeconds);
            if (ok) continue;
            f.CarIdxTrackSurface[i] = TrackSurface.NotInWorld;
            hidden++;
        }
        return hidden;
    }

    private static bool AllIn(float[] values, float min, float max)
    {
        foreach (float v in values) if (!(v >= min && v <= max)) return false;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportOnce(string what)
    {
        _reported = true;
        Report?.WriteLine($"crewchief: {SourceName}: {what} outside any physical range — the telemetry looks corrupt; such values are ignored tick by tick.");
    }
}
