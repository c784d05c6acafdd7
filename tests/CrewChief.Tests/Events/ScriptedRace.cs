using System.Diagnostics;
using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Events;

/// <summary>
/// A scripted race for brain tests: one player car (CarIdx 0) and optional opponents driving at constant pace
/// round a track, 60 ticks a second, every event the brain raises collected. Tests steer it by mutating
/// <see cref="Frame"/> fields (flags, CarLeftRight, …) between ticks, or through the helpers.
/// </summary>
internal sealed class ScriptedRace
{
    public const double Hz = 60;
    public const int PlayerIdx = 0;

    private readonly double[] _progress = new double[TelemetryFrame.MaxCars];
    private readonly double[] _lapTime = new double[TelemetryFrame.MaxCars];
    private readonly bool[] _present = new bool[TelemetryFrame.MaxCars];
    private readonly int[] _class = new int[TelemetryFrame.MaxCars];

    public ScriptedRace(BrainOptions? options = null, int totalLaps = 30, double timeLimit = 0, double lapTime = 60,
        double trackLengthM = 3000, float fuel = 50, float fuelPerLap = 2.0f, float tank = 60,
        TelemetryChannels channels = (TelemetryChannels)0xFFFF, bool withInfo = true, double startProgress = 1.001)
    {
        Brain = new RaceBrain(options ?? new BrainOptions());
        _lapTime[PlayerIdx] = lapTime;
        TrackLengthM = trackLengthM;
        FuelPerLap = fuelPerLap;
        Frame.Available = channels;
        Frame.SessionState = SessionState.Racing;
        Frame.SessionFlags = SessionFlags.Green;
        Frame.PlayerTrackSurface = TrackSurface.OnTrack;
        Frame.IsOnTrack = Frame.IsOnTrackCar = true;
        Frame.PlayerCarIdx = PlayerIdx;
        Frame.FuelLevel = fuel;
        Frame.FuelLevelPct = fuel / tank;
        Frame.TrackTemp = 30;
        Frame.AirTemp = 20;
        Frame.SessionTime = 100;
        Frame.SessionTimeRemain = timeLimit > 0 ? timeLimit : 604800;
        Frame.SessionLapsRemainEx = 32767;
        Frame.EngineWarnings = EngineWarnings.None;
        // The crew's last measurement: warm, new tyres.
        Array.Fill(Frame.TyreTemp, 85f);
        Array.Fill(Frame.TyreWear, 1f);
        for (int i = 0; i < TelemetryFrame.MaxCars; i++)
        {
            Frame.CarIdxTrackSurface[i] = TrackSurface.NotInWorld;
            Frame.CarIdxLapDistPct[i] = -1;
        }
        _present[PlayerIdx] = true;
        _class[PlayerIdx] = 1;
        _progress[PlayerIdx] = startProgress;
        if (withInfo)
        {
            Info = new SessionInfo
            {
                TrackLengthKm = (float)(trackLengthM / 1000),
                PlayerCarIdx = PlayerIdx,
                FuelTankLitres = tank,
                DriverCarEstLapTime = (float)lapTime,
                IncidentLimit = 17,
            };
            Info.Sessions.Add(new SessionEntry { SessionNum = 0, SessionType = "Race", Laps = timeLimit > 0 ? 0 : totalLaps, TimeSeconds = timeLimit });
            Info.Drivers.Add(new DriverEntry { CarIdx = PlayerIdx, CarNumber = "7", CarClassId = 1 });
        }
        Sync();
    }

    public RaceBrain Brain { get; }
    public TelemetryFrame Frame { get; } = new();
    public SessionInfo? Info { get; set; }
    public List<RaceEvent> Events { get; } = [];
    /// <summary>The player's lap time from now on, s.</summary>
    public double LapTime { get => _lapTime[PlayerIdx]; set => _lapTime[PlayerIdx] = value; }
    /// <summary>Off for allocation measurements (the list would grow).</summary>
    public bool CollectEvents { get; set; } = true;
    public double TrackLengthM { get; }
    public float FuelPerLap { get; set; }
    /// <summary>Set to freeze the scripted car (e.g. stationary in the pit stall).</summary>
    public double SpeedFactor { get; set; } = 1;
    /// <summary>Peak lateral acceleration (m/s²) while cornering, applied as a sine over the lap.</summary>
    public float CorneringAccel { get; set; } = 12f;
    public bool AutoPositions { get; set; } = true;

    public double Progress => _progress[PlayerIdx];
    public long Timestamp => (long)(Frame.SessionTime * Stopwatch.Frequency);

    /// <summary>Adds an opponent <paramref name="lapsAhead"/> laps up the road (negative: behind).</summary>
    public ScriptedRace AddCar(int idx, double lapsAhead, double lapTime, int carClass = 1, string number = "")
    {
        _present[idx] = true;
        _progress[idx] = _progress[PlayerIdx] + lapsAhead;
        _lapTime[idx] = lapTime;
        _class[idx] = carClass;
        Info?.Drivers.Add(new DriverEntry { CarIdx = idx, CarNumber = number.Length > 0 ? number : (idx + 10).ToString(), CarClassId = carClass });
        Sync();
        return this;
    }

    public void SetCarLapTime(int idx, double lapTime) => _lapTime[idx] = lapTime;
    public void SetCarProgress(int idx, double progress) { _progress[idx] = progress; Sync(); }
    public double CarProgress(int idx) => _progress[idx];

    /// <summary>Advances one tick: moves every car, burns fuel, runs the brain, collects its events.</summary>
    public ReadOnlySpan<RaceEvent> Tick()
    {
        double dt = 1 / Hz;
        Frame.SessionTime += dt;
        Frame.SessionTick++;
        Frame.TickCount++;
        if (Frame.SessionTimeRemain < 604000) Frame.SessionTimeRemain = Math.Max(0, Frame.SessionTimeRemain - dt);
        for (int i = 0; i < TelemetryFrame.MaxCars; i++)
        {
            if (!_present[i]) continue;
            double factor = i == PlayerIdx ? SpeedFactor : 1;
            _progress[i] += dt / _lapTime[i] * factor;
        }
        if (!Frame.OnPitRoad) Frame.FuelLevel = Math.Max(0, Frame.FuelLevel - (float)(FuelPerLap * dt / LapTime * SpeedFactor));
        Sync();
        Brain.Tick(Frame, Info, Timestamp);
        var raised = Brain.Raised;
        if (CollectEvents) foreach (var e in raised) Events.Add(e);
        return raised;
    }

    public void Run(double seconds, Action<ScriptedRace>? each = null)
    {
        int ticks = (int)Math.Round(seconds * Hz);
        for (int i = 0; i < ticks; i++) { each?.Invoke(this); Tick(); }
    }

    /// <summary>Runs until the player has completed <paramref name="laps"/> more laps (a few ticks past the line).</summary>
    public void RunLaps(int laps, Action<ScriptedRace>? each = null)
    {
        double target = Math.Floor(_progress[PlayerIdx]) + laps + 0.01;
        while (_progress[PlayerIdx] < target) { each?.Invoke(this); Tick(); }
    }

    /// <summary>Runs until the player reaches lap fraction <paramref name="pct"/> (on this or the next lap).</summary>
    public void RunTo(double pct)
    {
        double now = _progress[PlayerIdx];
        double target = Math.Floor(now) + pct;
        if (target <= now) target += 1;
        while (_progress[PlayerIdx] < target) Tick();
    }

    /// <summary>Drives down pit road: enter, stop (refuel to <paramref name="refuelTo"/>), leave. Limiter on unless told.</summary>
    public void PitStop(double laneSeconds = 10, double stationarySeconds = 5, float refuelTo = float.NaN, bool limiter = true)
    {
        Frame.OnPitRoad = true;
        Frame.PlayerTrackSurface = TrackSurface.ApproachingPits;
        if (limiter) Frame.EngineWarnings |= EngineWarnings.PitSpeedLimiter;
        SpeedFactor = 0.4;
        Run(laneSeconds / 2);
        SpeedFactor = 0;
        Frame.PlayerTrackSurface = TrackSurface.InPitStall;
        int ticks = (int)(stationarySeconds * Hz);
        for (int i = 0; i < ticks; i++)
        {
            if (!float.IsNaN(refuelTo)) Frame.FuelLevel = Math.Min(refuelTo, Frame.FuelLevel + (refuelTo - Frame.FuelLevel) / Math.Max(1, ticks - i));
            Tick();
        }
        Frame.PlayerTrackSurface = TrackSurface.ApproachingPits;
        SpeedFactor = 0.4;
        Run(laneSeconds / 2);
        Frame.OnPitRoad = false;
        Frame.EngineWarnings &= ~EngineWarnings.PitSpeedLimiter;
        Frame.PlayerTrackSurface = TrackSurface.OnTrack;
        SpeedFactor = 1;
    }

    public List<RaceEvent> Of(EventKind kind) => Events.FindAll(e => e.Kind == kind);
    public int Count(EventKind kind) => Events.Count(e => e.Kind == kind);
    public RaceEvent Single(EventKind kind) => Assert.Single(Events, e => e.Kind == kind);
    public void Clear() => Events.Clear();

    private void Sync()
    {
        var f = Frame;
        double p = _progress[PlayerIdx];
        int completed = (int)Math.Floor(p);
        float pct = (float)(p - completed);
        f.LapCompleted = completed;
        f.Lap = completed + 1;
        f.LapDistPct = pct;
        f.LapDist = (float)(pct * TrackLengthM);
        double speed = TrackLengthM / LapTime * SpeedFactor;
        f.Speed = (float)speed;
        f.LapCurrentLapTime = (float)(pct * LapTime);
        // Corners: a sine of lateral load over the lap (left and right), braking into each.
        double phase = pct * Math.PI * 2 * 8;
        f.LatAccel = (float)(CorneringAccel * Math.Sin(phase) * SpeedFactor);
        f.LongAccel = (float)(-6 * Math.Max(0, Math.Cos(phase)) * SpeedFactor + 2 * SpeedFactor);
        f.Brake = f.LongAccel < 0 ? 0.5f : 0f;
        f.Throttle = f.Brake > 0 ? 0 : 1;

        for (int i = 0; i < TelemetryFrame.MaxCars; i++)
        {
            if (!_present[i]) continue;
            double q = _progress[i];
            int c = (int)Math.Floor(q);
            float cp = (float)(q - c);
            f.CarIdxLapCompleted[i] = c;
            f.CarIdxLap[i] = c + 1;
            f.CarIdxLapDistPct[i] = cp;
            f.CarIdxEstTime[i] = (float)(cp * LapTime);
            f.CarIdxClass[i] = _class[i];
            f.CarIdxTrackSurface[i] = i == PlayerIdx ? f.PlayerTrackSurface : TrackSurface.OnTrack;
            f.CarIdxLastLapTime[i] = (float)_lapTime[i];
            f.CarIdxBestLapTime[i] = (float)_lapTime[i];
        }
        f.CarIdxOnPitRoad[PlayerIdx] = f.OnPitRoad;
        if (!AutoPositions) return;
        for (int i = 0; i < TelemetryFrame.MaxCars; i++)
        {
            if (!_present[i]) { f.CarIdxPosition[i] = 0; f.CarIdxClassPosition[i] = 0; continue; }
            int pos = 1, classPos = 1;
            for (int j = 0; j < TelemetryFrame.MaxCars; j++)
            {
                if (j == i || !_present[j] || _progress[j] <= _progress[i]) continue;
                pos++;
                if (_class[j] == _class[i]) classPos++;
            }
            f.CarIdxPosition[i] = pos;
            f.CarIdxClassPosition[i] = classPos;
        }
        f.PlayerCarPosition = f.CarIdxPosition[PlayerIdx];
        f.PlayerCarClassPosition = f.CarIdxClassPosition[PlayerIdx];
    }
}
