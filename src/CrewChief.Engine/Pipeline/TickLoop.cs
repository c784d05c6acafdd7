using System.Diagnostics;
using CrewChief.Events;
using CrewChief.Logging;
using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Pipeline;

/// <summary>
/// The 60 Hz path on its own named thread: read a tick, run the race brain, hand raised events to the director and
/// publish the player's state it re-checks them against. Nothing here allocates in steady state; the session log and the console view are fed through preallocated
/// structs at 1 Hz and 4 Hz so neither can slow the tick.
/// </summary>
public sealed class TickLoop : IDisposable
{
    private const double SampleInterval = 1.0;      // session log, s of session time
    private const double DashboardInterval = 0.1;   // console view and the live race page (10 Hz)

    private readonly ITelemetrySource _source;
    private readonly RaceBrain _brain;
    private readonly EventRouter _router;
    private readonly DashboardState _dashboard;
    private readonly LatestPlayerState _player;
    private readonly SessionLog? _log;
    private readonly TelemetryFrame _frame = new();
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private readonly ManualResetEventSlim _finished = new();

    private int _sessionInfoVersion = int.MinValue;
    private bool _connected;
    private int _sessionsEnded;
    private double _nextSample = double.NegativeInfinity;
    private double _nextDashboard = double.NegativeInfinity;
    private long _tickTicks;
    private long _ticks;
    private long _allocStart;
    private long _allocEnd;
    private const int WarmupTicks = 600;
    private long _lastFrameTimestamp;

    /// <summary>Called on the tick thread when the session YAML changes (rare); keep it cheap.</summary>
    public Action<SessionInfo>? SessionInfoChanged { get; set; }

    /// <summary>Called on the tick thread when the sim appears or goes away (rare): a status line for a console
    /// that shows no live view.</summary>
    public Action<string>? ConnectionChanged { get; set; }

    /// <summary>Sim sessions that ended while the loop ran: connected, then the sim closed (or restarted).</summary>
    public int SessionsEnded => Volatile.Read(ref _sessionsEnded);
    /// <summary>Laps, measured stops and tyre measurements as they happen (the session database's recorder); enqueue only.</summary>
    public IRaceRecordTap? RecordTap { get; set; }
    /// <summary>The two-way radio's tick tap (state for answers, held callouts); null when the radio is off.</summary>
    public Radio.DriverRadio? Radio { get; set; }

    /// <summary>Called on the tick thread for every raised event (replay/demo --json listing, tests).</summary>
    public Action<RaceEvent>? EventRaised { get; set; }

    public TickLoop(ITelemetrySource source, RaceBrain brain, EventRouter router, LatestPlayerState player, DashboardState dashboard, SessionLog? log)
    {
        _source = source;
        _brain = brain;
        _router = router;
        _player = player;
        _dashboard = dashboard;
        _log = log;
        _thread = new Thread(Run) { Name = "crewchief-tick", IsBackground = true, Priority = ThreadPriority.AboveNormal };
    }

    /// <summary>Ticks processed (in-world frames).</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>Mean µs per tick spent in strategy + events + hand-off (the read's wait excluded).</summary>
    public double MeanTickMicros => _ticks == 0 ? double.NaN : _tickTicks * 1e6 / Stopwatch.Frequency / _ticks;

    /// <summary>Managed bytes allocated per tick on the tick thread after warm-up (whole loop, read included).</summary>
    public double AllocBytesPerTick => _ticks <= WarmupTicks ? double.NaN : (double)(_allocEnd - _allocStart) / (_ticks - WarmupTicks);

    /// <summary>Connected but no new tick for this long: the page says the sim is paused or frozen.</summary>
    public TimeSpan PausedAfter { get; set; } = TimeSpan.FromSeconds(LiveMapSource.FrozenAfterSeconds);

    /// <summary>Set when a replay reaches its end or the loop is stopped.</summary>
    public WaitHandle Finished => _finished.WaitHandle;

    public bool IsFinished => _finished.IsSet;

    public RaceBrain Brain => _brain;

    public void Start() => _thread.Start();

    private void Run()
    {
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested && Step(200)) { }
        }
        catch (Exception e)
        {
            // The source or the brain failed: say so once; the rest of the engine keeps what it has.
            _dashboard.Connection = "telemetry stopped: " + e.Message;
            Console.Error.WriteLine(e is InputException
                ? $"crewchief: telemetry stopped: {e.Message}"
                : $"crewchief: telemetry stopped ({e.GetType().Name}: {e.Message}).");
        }
        finally
        {
            Finish();
        }
    }

    /// <summary>
    /// Reads and processes at most one tick; false at the end of a replay. The loop's thread calls it; a caller
    /// that drives the source itself (the demo's lock-step --fast mode) calls it instead of <see cref="Start"/>.
    /// </summary>
    public bool Step(int timeoutMs)
    {
        var status = _source.TryRead(_frame, timeoutMs);
        switch (status)
        {
            case TelemetryReadStatus.EndOfData:
                return false;
            case TelemetryReadStatus.NotConnected:
                _dashboard.SimPaused = false;   // not paused: gone (the connection line says so)
                if (_connected)
                {
                    _dashboard.Connection = "iRacing closed, waiting for it";
                    Interlocked.Increment(ref _sessionsEnded);
                    ConnectionChanged?.Invoke(_dashboard.Connection);
                }
                _connected = false;
                return true;
            case TelemetryReadStatus.NewFrame:
                _lastFrameTimestamp = Stopwatch.GetTimestamp();
                if (_dashboard.SimPaused) _dashboard.SimPaused = false;
                if (!_connected)
                {
                    _connected = true;
                    _dashboard.Connection = "connected: " + _source.Description;
                    ConnectionChanged?.Invoke(_dashboard.Connection);
                }
                OnFrame();
                return true;
            default:
                // NoNewData while connected: after a few seconds the page shows the stall (stderr says it from the source).
                if (_connected && !_dashboard.SimPaused &&
                    Stopwatch.GetElapsedTime(_lastFrameTimestamp) > PausedAfter)
                    _dashboard.SimPaused = true;
                return true;
        }
    }

    /// <summary>Marks the loop finished (a lock-step caller calls it at the end).</summary>
    public void Finish()
    {
        _allocEnd = GC.GetAllocatedBytesForCurrentThread();
        _finished.Set();
    }

    private void OnFrame()
    {
        var frame = _frame;
        var info = _source.SessionInfo;
        if (info is not null && _source.SessionInfoVersion != _sessionInfoVersion)
        {
            _sessionInfoVersion = _source.SessionInfoVersion;
            SessionInfoChanged?.Invoke(info);
        }
        long start = Stopwatch.GetTimestamp();
        // Not-in-world frames (reset, tow, spawn) go to the brain too: it must see them to know the jump that follows
        // is no pit entry, lap or refuel. Nothing else (dashboard, log) wants them.
        _brain.Tick(frame, info, start);
        // Published before the events are posted: the director never checks an event against an older state.
        PublishPlayer(frame);
        var raised = _brain.Raised;
        for (int i = 0; i < raised.Length; i++)
        {
            _router.Post(raised[i]);
            _log?.TryWriteEvent(raised[i]);
            EventRaised?.Invoke(raised[i]);
        }
        if (_log is not null || RecordTap is not null) RecordRaceFacts(frame);
        Radio?.OnTick(frame, info, _brain, _router, start);
        _tickTicks += Stopwatch.GetTimestamp() - start;
        long n = Interlocked.Increment(ref _ticks);
        if (n == WarmupTicks) _allocStart = GC.GetAllocatedBytesForCurrentThread();
        if (!frame.InWorld) return;

        if (frame.SessionTime >= _nextDashboard || frame.SessionTime < _nextDashboard - 10)
        {
            _nextDashboard = frame.SessionTime + DashboardInterval;
            var snapshot = _brain.Snapshot;
            FillDashboard(frame, snapshot);
            if (_log is not null && (frame.SessionTime >= _nextSample || frame.SessionTime < _nextSample - 10))
            {
                _nextSample = frame.SessionTime + SampleInterval;
                var sample = Sample(frame, snapshot);
                _log.TryWriteSample(sample);
            }
        }
    }

    private void PublishPlayer(TelemetryFrame f)
    {
        var gaps = _brain.Strategy.Gaps;
        ulong inPits = 0;
        bool[] onPitRoad = f.CarIdxOnPitRoad;
        for (int i = 0; i < onPitRoad.Length && i < 64; i++)
            if (onPitRoad[i]) inPits |= 1UL << i;
        bool known = gaps.Available;
        // The brain's own rule (TickContext.Position), so a position fact is re-checked against the same number.
        bool sim = (f.Available & TelemetryChannels.Position) == TelemetryChannels.Position;
        int position = sim && f.PlayerCarClassPosition > 0 ? f.PlayerCarClassPosition
            : sim && f.PlayerCarPosition > 0 ? f.PlayerCarPosition
            : known ? gaps.ClassPosition : 0;
        _player.Publish(known
            ? new PlayerState(f.SessionTime, position, f.LapDistPct, f.OnPitRoad, gaps.CarAheadIdx, gaps.GapAhead, gaps.CarBehindIdx, gaps.GapBehind, inPits)
            : new PlayerState(f.SessionTime, position, f.LapDistPct, f.OnPitRoad, -1, double.NaN, -1, double.NaN, inPits));
    }

    private void FillDashboard(TelemetryFrame f, in StrategySnapshot s)
    {
        var d = _dashboard;
        d.Position = s.ClassPosition > 0 ? s.ClassPosition : f.PlayerCarClassPosition > 0 ? f.PlayerCarClassPosition : f.PlayerCarPosition;
        d.Lap = f.Lap;
        d.LapPct = f.LapDistPct;
        d.LapsRemaining = s.LapsToGo;
        d.FuelLitres = f.FuelLevel;
        d.FuelLapsLeft = (float)s.Fuel.LapsOfFuel;
        d.FuelToFinish = (float)s.Fuel.FuelToFinish;
        d.FuelToAdd = (float)s.Fuel.FuelToAdd;
        d.GapAhead = (float)s.GapAhead;
        d.GapBehind = (float)s.GapBehind;
        d.LastLap = (float)s.LastLap;
        d.BestLap = (float)s.PersonalBest;
        d.TyreTemp[0] = s.LeftFront.TempC; d.TyreTemp[1] = s.RightFront.TempC; d.TyreTemp[2] = s.LeftRear.TempC; d.TyreTemp[3] = s.RightRear.TempC;
        d.TyreWear[0] = s.LeftFront.WornPct; d.TyreWear[1] = s.RightFront.WornPct; d.TyreWear[2] = s.LeftRear.WornPct; d.TyreWear[3] = s.RightRear.WornPct;
        d.TyreConfidence = s.TyreConfidence;
        d.TickMicros = MeanTickMicros;
        var st = _brain.Strategy;
        d.SessionTime = f.SessionTime;
        d.OverallPosition = f.PlayerCarPosition;
        d.PlayerCarIdx = st.PlayerCarIdx;
        d.OnPitRoad = s.OnPitRoad;
        d.SessionFlags = (uint)f.SessionFlags;
        d.Incidents = f.PlayerCarMyIncidentCount;
        d.ClosingAhead = (float)s.ClosingAhead;
        d.ClosingBehind = (float)s.ClosingBehind;
        d.CarAheadIdx = s.CarAheadIdx;
        d.CarBehindIdx = s.CarBehindIdx;
        d.FuelPerLap = (float)s.Fuel.PerLap;
        d.FuelCleanLaps = s.FuelCleanLaps;
        d.StopsNeeded = s.Fuel.StopsNeeded;
        d.WindowOpenLap = s.Fuel.WindowOpenLap;
        d.WindowCloseLap = s.Fuel.WindowCloseLap;
        d.SavePerLap = (float)s.Fuel.SavePerLap;
        d.PitCall = (int)s.PitCall;
        d.SecondsToCallPoint = (float)s.SecondsToCallPoint;
        double callPct = st.PitCall.CallPointPct;
        d.MetresToCallPoint = double.IsNaN(callPct) || !(st.TrackLengthM > 0) ? float.NaN
            : (float)((callPct - s.LapPct + 1) % 1.0 * st.TrackLengthM);
        d.PitLaneLoss = (float)st.Rejoin.PitLaneLoss(st.TrackKm);
        d.RefLapTime = (float)st.RefLapTime;
        d.TyreSecondsSinceMeasured = (float)st.Tyres.SecondsSinceMeasurement;
        Array.Copy(f.CarIdxLapDistPct, d.CarPct, d.CarPct.Length);
        Array.Copy(f.CarIdxLap, d.CarLap, d.CarLap.Length);
        Array.Copy(f.CarIdxOnPitRoad, d.CarOnPit, d.CarOnPit.Length);
        Array.Copy(f.CarIdxClassPosition, d.CarClassPosition, d.CarClassPosition.Length);
        Interlocked.Increment(ref d.Version);
    }

    private int _stopsLearned;

    /// <summary>Laps, stops and tyre measurements for the log and the database: a few times a lap, never per tick.</summary>
    private void RecordRaceFacts(TelemetryFrame f)
    {
        var st = _brain.Strategy;
        if (st.Laps.CompletedThisTick)
        {
            var lap = st.Laps.LastLap;
            var r = NewRecord(RaceRecordType.Lap, f);
            r.Lap = lap.Lap;
            r.Duration = lap.Duration;
            r.FuelUsed = lap.FuelUsed;
            r.Flags = (byte)lap.Flags;
            r.FuelEstimate = (float)st.Fuel.PerLap;
            r.PitLaneLoss = (float)st.Rejoin.PitLaneLoss(st.TrackKm);
            var t = st.Tyres;
            r.WearFl = t[TyreCorner.LeftFront].WornPct; r.WearFr = t[TyreCorner.RightFront].WornPct;
            r.WearRl = t[TyreCorner.LeftRear].WornPct; r.WearRr = t[TyreCorner.RightRear].WornPct;
            Emit(r);
        }
        if (st.Rejoin.StopsMeasured != _stopsLearned)
        {
            _stopsLearned = st.Rejoin.StopsMeasured;
            var r = NewRecord(RaceRecordType.PitStop, f);
            r.PitLaneLoss = (float)st.Rejoin.LastStopLoss;
            r.Flags = st.Rejoin.LastStopUnderYellow ? (byte)LapFlags.Yellow : (byte)0;
            Emit(r);
        }
        if (st.Tyres.MeasuredThisTick)
        {
            var t = st.Tyres;
            var r = NewRecord(RaceRecordType.TyreMeasured, f);
            r.WearFl = t[TyreCorner.LeftFront].WornPct; r.WearFr = t[TyreCorner.RightFront].WornPct;
            r.WearRl = t[TyreCorner.LeftRear].WornPct; r.WearRr = t[TyreCorner.RightRear].WornPct;
            Emit(r);
        }
    }

    private RaceRecord NewRecord(RaceRecordType type, TelemetryFrame f)
    {
        var g = _brain.Strategy.Gaps;
        return new RaceRecord
        {
            Type = type, SessionTime = f.SessionTime, Lap = _brain.Strategy.Laps.LapsCompleted,
            Duration = double.NaN, FuelUsed = float.NaN, FuelEstimate = float.NaN, PitLaneLoss = float.NaN,
            Position = f.PlayerCarPosition, ClassPosition = g.Available ? g.ClassPosition : f.PlayerCarClassPosition,
            Incidents = f.PlayerCarMyIncidentCount, GapAhead = (float)g.GapAhead, GapBehind = (float)g.GapBehind,
            WearFl = float.NaN, WearFr = float.NaN, WearRl = float.NaN, WearRr = float.NaN,
        };
    }

    private void Emit(in RaceRecord r)
    {
        _log?.TryWriteRecord(r);
        RecordTap?.OnRecord(r);
    }

    private LogSample Sample(TelemetryFrame f, in StrategySnapshot s) => new()
    {
        SessionTime = f.SessionTime,
        Lap = f.Lap,
        LapPct = f.LapDistPct,
        Position = _dashboard.Position,
        FuelLitres = f.FuelLevel,
        FuelLapsRemaining = (float)s.Fuel.LapsOfFuel,
        WearFl = s.LeftFront.WornPct, WearFr = s.RightFront.WornPct, WearRl = s.LeftRear.WornPct, WearRr = s.RightRear.WornPct,
        TempFl = s.LeftFront.TempC, TempFr = s.RightFront.TempC, TempRl = s.LeftRear.TempC, TempRr = s.RightRear.TempC,
        GapAhead = (float)s.GapAhead,
        GapBehind = (float)s.GapBehind,
        LastLapTime = (float)s.LastLap,
        BestLapTime = (float)s.PersonalBest,
        SessionLapsRemain = s.LapsToGo,
        IncidentCount = f.PlayerCarMyIncidentCount,
        TrackTempC = f.TrackTemp,
        SpeedKph = f.Speed * 3.6f,
        OnPitRoad = f.OnPitRoad,
    };

    /// <summary>Waits for a replay to end (or the timeout); true when it ended.</summary>
    public bool WaitFinished(int timeoutMs) => _finished.Wait(timeoutMs);

    public void Stop()
    {
        _stop.Cancel();
        if (_thread.IsAlive) _thread.Join(2000);
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
        _finished.Dispose();
    }
}
