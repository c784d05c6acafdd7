using System.Diagnostics;
using CrewChief.Events;
using CrewChief.Logging;
using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Pipeline;

/// <summary>
/// The 60 Hz path on its own named thread: read a tick, run the race brain, hand raised events to the director.
/// Nothing here allocates in steady state; the session log and the console view are fed through preallocated
/// structs at 1 Hz and 4 Hz so neither can slow the tick.
/// </summary>
public sealed class TickLoop : IDisposable
{
    private const double SampleInterval = 1.0;      // session log, s of session time
    private const double DashboardInterval = 0.25;  // console view

    private readonly ITelemetrySource _source;
    private readonly RaceBrain _brain;
    private readonly EventRouter _router;
    private readonly DashboardState _dashboard;
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

    /// <summary>Called on the tick thread when the session YAML changes (rare); keep it cheap.</summary>
    public Action<SessionInfo>? SessionInfoChanged { get; set; }

    /// <summary>Called on the tick thread when the sim appears or goes away (rare): a status line for a console
    /// that shows no live view.</summary>
    public Action<string>? ConnectionChanged { get; set; }

    /// <summary>Sim sessions that ended while the loop ran: connected, then the sim closed (or restarted).</summary>
    public int SessionsEnded => Volatile.Read(ref _sessionsEnded);

    /// <summary>Called on the tick thread for every raised event (replay/demo --json listing, tests).</summary>
    public Action<RaceEvent>? EventRaised { get; set; }

    public TickLoop(ITelemetrySource source, RaceBrain brain, EventRouter router, DashboardState dashboard, SessionLog? log)
    {
        _source = source;
        _brain = brain;
        _router = router;
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
            Console.Error.WriteLine($"crewchief: telemetry stopped ({e.GetType().Name}: {e.Message}).");
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
                if (_connected)
                {
                    _dashboard.Connection = "iRacing closed, waiting for it";
                    Interlocked.Increment(ref _sessionsEnded);
                    ConnectionChanged?.Invoke(_dashboard.Connection);
                }
                _connected = false;
                return true;
            case TelemetryReadStatus.NewFrame:
                if (!_connected)
                {
                    _connected = true;
                    _dashboard.Connection = "connected: " + _source.Description;
                    ConnectionChanged?.Invoke(_dashboard.Connection);
                }
                OnFrame();
                return true;
            default:
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
        if (!frame.InWorld) return;

        long start = Stopwatch.GetTimestamp();
        _brain.Tick(frame, info, start);
        var raised = _brain.Raised;
        for (int i = 0; i < raised.Length; i++)
        {
            _router.Post(raised[i]);
            _log?.TryWriteEvent(raised[i]);
            EventRaised?.Invoke(raised[i]);
        }
        _tickTicks += Stopwatch.GetTimestamp() - start;
        long n = Interlocked.Increment(ref _ticks);
        if (n == WarmupTicks) _allocStart = GC.GetAllocatedBytesForCurrentThread();

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
