using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Events;

/// <summary>
/// From telemetry frames to a small stream of prioritised race events, on the 60 Hz tick. Call
/// <see cref="Tick"/> once per frame, then read <see cref="Raised"/> (valid until the next tick). Single-threaded:
/// owned by the tick thread; <see cref="Snapshot"/> copies state out for other readers. Allocation-free after
/// construction.
/// </summary>
public sealed class RaceBrain
{
    private readonly EventEmitter _emit;
    private readonly RaceStrategy _strategy;
    // Each detector by its own type, called directly: twelve calls through the interface at one call site go through
    // the runtime's dispatch cache, which a tick that starts cold (60 Hz, the thread asleep in between) pays in
    // cache misses on every call.
    private readonly SpotterCalls _spotter;
    private readonly IncidentEvents _incidents;
    private readonly FuelEvents _fuel;
    private readonly PitEvents _pit;
    private readonly FlagEvents _flags;
    private readonly RaceProgressEvents _progress;
    private readonly PositionEvents _position;
    private readonly BattleEvents _battle;
    private readonly RivalPitEvents _rivalPit;
    private readonly TyreEvents _tyres;
    private readonly PaceEvents _pace;
    private readonly HistoryEvents _history;
    /// <summary>All of them, for a new session's reset.</summary>
    private readonly IEventDetector[] _detectors;

    public RaceBrain(BrainOptions? options = null)
    {
        options ??= BrainOptions.Default;
        options.Validate();
        Options = options;
        _strategy = new RaceStrategy(options.FuelWindowLaps, options.PaceWindowLaps, options.FuelReserveLitres, options.MaxFuelSaveFraction,
            options.PitEntryPct, options.PitCallLeadMetres, options.PitCallBufferSeconds, options.PitCallAmberSeconds, options.PitCallRedSeconds);
        _strategy.Tyres.EstimateOnly = options.TyreEstimateOnly;
        _emit = new EventEmitter(options);
        _detectors =
        [
            _spotter = new SpotterCalls(options),
            _incidents = new IncidentEvents(),
            _fuel = new FuelEvents(options),
            _pit = new PitEvents(),
            _flags = new FlagEvents(options),
            _progress = new RaceProgressEvents(options),
            _position = new PositionEvents(options),
            _battle = new BattleEvents(),
            _rivalPit = new RivalPitEvents(),
            _tyres = new TyreEvents(options),
            _pace = new PaceEvents(),
            _history = new HistoryEvents(),
        ];
    }

    public BrainOptions Options { get; }

    /// <summary>The strategy models, read-only by convention: the console view and the session log read them.</summary>
    public RaceStrategy Strategy => _strategy;

    /// <summary>Events raised by the last <see cref="Tick"/>, most urgent family first; valid until the next tick.</summary>
    public ReadOnlySpan<RaceEvent> Raised => _emit.Raised;

    /// <summary>Verbosity in force on the last tick (the setting, lowered on lap 1 and in close battles).</summary>
    public Verbosity EffectiveVerbosity => _emit.Verbosity;

    public void Tick(TelemetryFrame frame, SessionInfo? info, long timestamp)
    {
        _strategy.Update(frame, info);
        if (_strategy.SessionChanged)
        {
            _emit.Reset();
            _emit.RaceRun = false;
            foreach (var d in _detectors) d.Reset();
        }
        _emit.BeginTick(frame.SessionTime, timestamp, EffectiveFor(frame));
        // A reset, tow or spawn placeholder: the strategy has noted it (no lap, pit entry or refuel from the jump);
        // nothing about the car is true in it, so no detector runs.
        if (!_strategy.Laps.InWorld) return;
        var ctx = new TickContext(frame, info, _strategy, Options);
        // Order is precedence when two routine calls compete for the global cooldown: spotter, fuel, pit, flags, ...
        _spotter.Detect(ctx, _emit);
        _incidents.Detect(ctx, _emit);
        _fuel.Detect(ctx, _emit);
        _pit.Detect(ctx, _emit);
        _flags.Detect(ctx, _emit);
        _progress.Detect(ctx, _emit);
        _position.Detect(ctx, _emit);
        _battle.Detect(ctx, _emit);
        _rivalPit.Detect(ctx, _emit);
        _tyres.Detect(ctx, _emit);
        _pace.Detect(ctx, _emit);
        _history.Detect(ctx, _emit);
        var raised = _emit.Raised;
        for (int i = 0; i < raised.Length; i++)
        {
            if (raised[i].Kind == EventKind.Chequered) _emit.RaceRun = true;
        }
    }

    private Verbosity EffectiveFor(TelemetryFrame frame)
    {
        var v = Options.Verbosity;
        if (!Options.AutoLowerVerbosity || v == Verbosity.Low) return v;
        var gaps = _strategy.Gaps;
        double close = Options.CloseBattleGapSeconds;
        bool lapOne = _strategy.Race.IsRace && frame.SessionState == SessionState.Racing && _strategy.Laps.LapsCompleted < 1;
        // On pit road the player fights nobody (the limiter holds everyone): the race-order gaps there are no battle,
        // and the pit calls (entry, exit) must not be muted by the cars the stop is about to swap places with.
        bool battle = !_strategy.Laps.OnPitRoad && (gaps.GapAhead < close || gaps.GapBehind < close);
        return lapOne || battle ? v - 1 : v;
    }

    /// <summary>A copy of the strategy state for display and logging.</summary>
    public StrategySnapshot Snapshot
    {
        get
        {
            var s = _strategy;
            var gaps = s.Gaps;
            var tyres = s.Tyres;
            int rival = -1;
            double rivalP = 0;
            var p = s.Rivals.Probabilities;
            for (int i = 0; i < p.Length; i++) if (p[i] > rivalP && i != s.PlayerCarIdx) { rivalP = p[i]; rival = i; }
            return new StrategySnapshot
            {
                SessionTime = _emit.SessionTime,
                InWorld = s.Laps.InWorld,
                Lap = s.Laps.CurrentLap,
                LapsCompleted = s.Laps.LapsCompleted,
                LapPct = s.Laps.LapPct,
                OnPitRoad = s.Laps.OnPitRoad,
                IsTimedRace = s.Race.IsTimed,
                TotalLaps = s.Race.TotalLaps,
                LapsRemaining = s.Race.LapsRemaining,
                LapsToGo = s.Race.LapsToGo,
                TimeRemaining = s.Race.TimeRemaining,
                FuelLevel = s.Fuel.FuelLevel,
                FuelPerLap = s.Fuel.PerLap,
                FuelPerMinute = s.Fuel.PerMinute,
                FuelCleanLaps = s.Fuel.CleanLaps,
                Fuel = s.Fuel.Plan,
                LastLap = s.Pace.LastLap,
                BestLap = s.Pace.BestLap,
                PersonalBest = s.Pace.PersonalBest,
                AverageLap = s.Pace.RollingAverage,
                PaceTrend = s.Pace.Trend,
                DeltaToBest = s.Pace.DeltaToBest,
                ClassPosition = gaps.Available ? gaps.ClassPosition : 0,
                CarAheadIdx = gaps.CarAheadIdx,
                GapAhead = gaps.GapAhead,
                ClosingAhead = gaps.ClosingAhead,
                CarBehindIdx = gaps.CarBehindIdx,
                GapBehind = gaps.GapBehind,
                ClosingBehind = gaps.ClosingBehind,
                InDirtyAir = gaps.NearestAheadOnTrack < 1.0,
                LeftFront = tyres[TyreCorner.LeftFront],
                RightFront = tyres[TyreCorner.RightFront],
                LeftRear = tyres[TyreCorner.LeftRear],
                RightRear = tyres[TyreCorner.RightRear],
                TyreConfidence = tyres.Confidence,
                PitCall = s.PitCall.State,
                SecondsToCallPoint = s.PitCall.SecondsToCallPoint,
                PitEntryPct = s.PitCall.PitEntryPct,
                Rejoin = s.RejoinIfStoppingNow,
                LikeliestRivalToPit = rival,
                LikeliestRivalPitProbability = rivalP,
            };
        }
    }
}
