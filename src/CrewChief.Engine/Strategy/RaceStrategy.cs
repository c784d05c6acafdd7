using CrewChief.Telemetry;

namespace CrewChief.Strategy;

/// <summary>
/// All strategy models fed from one tick, in dependency order. Owns no IO; everything is preallocated, so
/// <see cref="Update"/> is allocation-free.
/// </summary>
public sealed class RaceStrategy
{
    private const double DefaultLapTime = 100;
    private const double TrafficRange = 2.0;

    private const double FasterClassRange = 3.0;

    private readonly bool[] _excluded = new bool[TelemetryFrame.MaxCars];
    /// <summary>Each car's class lap-time estimate from the session info, s (0 when unknown).</summary>
    private readonly float[] _classLapTime = new float[TelemetryFrame.MaxCars];
    /// <summary>Scratch: the gaps behind of the cars expected to stay out while the player stops.</summary>
    private readonly float[] _stayingOut = new float[TelemetryFrame.MaxCars];
    private readonly double _reserve;
    private readonly double _maxSaveFraction;
    private SessionInfo? _excludedFrom;
    private int _excludedVersion = -1;
    private int _sessionNum = int.MinValue;
    private double _lastTime = double.NaN;
    private double _learnedTrackLength = double.NaN;

    public RaceStrategy(int fuelWindowLaps, int paceWindowLaps, double fuelReserve, double maxSaveFraction, double? pitEntryPct,
        double pitCallLeadMetres, double pitCallBufferSeconds, double pitCallAmberSeconds, double pitCallRedSeconds)
    {
        Fuel = new FuelModel(fuelWindowLaps);
        Pace = new PaceTracker(paceWindowLaps);
        Profile = new SpeedProfile(200);
        PitCall = new PitCallTimer(Profile, pitEntryPct, pitCallLeadMetres, pitCallBufferSeconds, pitCallAmberSeconds, pitCallRedSeconds);
        _reserve = fuelReserve;
        _maxSaveFraction = maxSaveFraction;
    }

    public LapRecorder Laps { get; } = new();
    public RaceProgress Race { get; } = new();
    public FuelModel Fuel { get; }
    public PaceTracker Pace { get; }
    public TyreModel Tyres { get; } = new();
    public GapTracker Gaps { get; } = new();
    public SpeedProfile Profile { get; }
    public PitCallTimer PitCall { get; }
    public RejoinEstimator Rejoin { get; } = new();
    public RivalPitModel Rivals { get; } = new();

    public int PlayerCarIdx { get; private set; } = -1;
    /// <summary>
    /// One past the highest CarIdx seen in the world since the engine started: iRacing fills 64 slots, a 20-car field
    /// uses the first 21. The tick's per-car loops stop here — with the tick thread asleep between frames, every
    /// slot's state a loop touches is a cache miss. Never lowered, so a slot beyond it has never held a car and all
    /// its state is as constructed.
    /// </summary>
    public int CarSlots { get; private set; }
    /// <summary>The pace car's CarIdx from the session info, or -1.</summary>
    public int PaceCarIdx { get; private set; } = -1;

    /// <summary>A car never counted in the race (pace car, spectators).</summary>
    public bool IsExcluded(int carIdx) => (uint)carIdx < TelemetryFrame.MaxCars && _excluded[carIdx];
    public double TrackLengthM { get; private set; } = double.NaN;
    public double TrackKm => TrackLengthM / 1000;
    /// <summary>Expected lap time for conversions: rolling average, else the sim's estimate, else 100 s.</summary>
    public double RefLapTime { get; private set; } = DefaultLapTime;
    public double TankLitres { get; private set; } = double.NaN;
    /// <summary>
    /// Where the player would rejoin stopping now. Worked out when read, at most once a tick: a few ticks a second
    /// read it (the pit calls, the console view, the radio), and the three estimates behind it would otherwise cost
    /// every 60 Hz tick.
    /// </summary>
    public RejoinEstimate RejoinIfStoppingNow
    {
        get
        {
            if (!_rejoinNowValid)
            {
                _rejoinNow = Gaps.Available ? EstimateIfStoppingNow() : RejoinEstimate.Unknown;
                _rejoinNowValid = true;
            }
            return _rejoinNow;
        }
    }
    private RejoinEstimate _rejoinNow = RejoinEstimate.Unknown;
    private bool _rejoinNowValid = true;
    /// <summary>The estimate as it stood just before the player last entered pit road (for checking it at the exit).</summary>
    public RejoinEstimate RejoinAtPitEntry { get; private set; } = RejoinEstimate.Unknown;
    /// <summary>
    /// Where the player comes out, estimated on the tick the service ends and the car leaves its box (set on that
    /// tick with <see cref="LeftBoxThisTick"/>): what is left of the stop is only the drive down the lane, the same
    /// for every stop, so this is the estimate worth a place number.
    /// </summary>
    public RejoinEstimate RejoinLeavingBox { get; private set; } = RejoinEstimate.Unknown;
    /// <summary>The player drove off after standing in the pit lane (the service is done) this tick.</summary>
    public bool LeftBoxThisTick { get; private set; }
    private double _laneEnteredAt = double.NaN;
    private float _laneEnteredPct;
    private double _laneStill;
    private bool _leftBox;
    /// <summary>The field below this fraction of racing pace is neutralised (safety car, full-course yellow, slow zones).</summary>
    private const double NeutralisedPace = 0.8;
    /// <summary>A stop stands at least this long before its end is a "leaving the box" (not a crawl in a queue).</summary>
    private const double BoxStandSeconds = 2;
    /// <summary>A new session began this tick (everything session-scoped was cleared).</summary>
    public bool SessionChanged { get; private set; }
    /// <summary>Seconds since the previous tick, 0 on the first or after a jump.</summary>
    public float Dt { get; private set; }

    /// <summary>Priors offered by another thread (the session database), taken on the next tick.</summary>
    private StrategyPriors? _offeredPriors;

    /// <summary>The priors in use (null: none); set on the tick thread.</summary>
    public StrategyPriors? Priors { get; private set; }
    /// <summary>Set on the tick the priors were taken (the brain says so once).</summary>
    public bool PriorsAppliedThisTick { get; private set; }

    /// <summary>
    /// Hands priors from an earlier session to the strategy from any thread: a reference swap, taken by the next tick,
    /// so the database is never read on the tick thread.
    /// </summary>
    public void OfferPriors(StrategyPriors priors) => Volatile.Write(ref _offeredPriors, priors);

    private void TakePriors()
    {
        PriorsAppliedThisTick = false;
        if (Volatile.Read(ref _offeredPriors) is null) return;
        var p = Interlocked.Exchange(ref _offeredPriors, null);
        if (p is null) return;
        Priors = p;
        Fuel.Prior = p.FuelPerLap;
        Rejoin.Prior = p.PitLaneLoss;
        Pace.OfferPersonalBest(p.PersonalBest);
        PriorsAppliedThisTick = true;
    }

    internal void Update(TelemetryFrame f, SessionInfo? info)
    {
        SessionChanged = false;
        TakePriors();
        if (f.SessionNum != _sessionNum)
        {
            SessionChanged = _sessionNum != int.MinValue;
            _sessionNum = f.SessionNum;
            ResetSession();
        }

        WidenCarSlots(f);
        double dt = double.IsNaN(_lastTime) ? 0 : f.SessionTime - _lastTime;
        Dt = dt is > 0 and < 1 ? (float)dt : 0f;
        _lastTime = f.SessionTime;

        Laps.Update(f);
        if (!Laps.InWorld) return;
        // The estimate as it stood on the last tick: nothing it is made of has been updated yet this tick.
        if (Laps.EnteredPitRoadThisTick) RejoinAtPitEntry = RejoinIfStoppingNow;

        PlayerCarIdx = (f.Available & TelemetryChannels.PlayerCarIdx) != 0 ? f.PlayerCarIdx : info?.PlayerCarIdx ?? -1;
        LearnTrack(f, info);
        UpdateExcluded(info);
        RefLapTime = Pace.RollingAverage is > 0 and var avg ? avg
            : info is { DriverCarEstLapTime: > 0 } ? info.DriverCarEstLapTime
            : f.LapBestLapTime > 0 ? f.LapBestLapTime : DefaultLapTime;

        if (Laps.CompletedThisTick)
        {
            var lap = Laps.LastLap;
            Fuel.OnLap(lap);
            Rejoin.OnLap(lap, RefLapTime);
            Pace.OnLap(lap);
        }
        if ((f.Available & TelemetryChannels.LapTimes) != 0 && f.LapBestLapTime > 0) Pace.UseSimBest(f.LapBestLapTime);
        if (Laps.EnteredPitRoadThisTick) PitCall.LearnPitEntry(f.LapDistPct);
        if (!Laps.OnPitRoad && (Laps.CurrentLapFlags & (LapFlags.OutLap | LapFlags.Reset | LapFlags.Yellow | LapFlags.Neutralised)) == 0)
            Profile.Learn(f.LapDistPct, f.Speed);

        TankLitres = info is { FuelTankLitres: > 0 } ? info.FuelTankLitres : f.FuelLevelPct > 0.01f ? f.FuelLevel / f.FuelLevelPct : double.NaN;
        Race.Update(f, info, Laps.LapsCompleted, Laps.LapPct, RefLapTime);
        Fuel.Update(f, Race, TankLitres, _reserve, Laps.LapsCompleted, Laps.LapPct, RefLapTime, _maxSaveFraction);
        Tyres.Update(f, Dt, Laps.ExitedPitRoadThisTick);
        Gaps.Update(f, _excluded, PlayerCarIdx, RefLapTime, TrafficRange, _classLapTime, FasterClassRange, CarSlots);
        Rejoin.ObserveRivals(f, _excluded, PlayerCarIdx, RefLapTime, CarSlots);
        double perLap = Fuel.Plan.PerLap;
        Rivals.Update(f, perLap > 0 && TankLitres > 0 ? TankLitres / perLap : double.NaN, CarSlots);
        float fallbackSpeed = (float)(TrackLengthM / RefLapTime);
        // The pit-call query runs every tick, so it reads a table; the table follows the learned profile once a lap.
        if (TrackLengthM > 0 && (Laps.CompletedThisTick || Profile.NeedsRebuild(TrackLengthM, fallbackSpeed))) Profile.Rebuild(TrackLengthM, fallbackSpeed);
        PitCall.Update(Laps.LapPct, TrackLengthM, fallbackSpeed);
        _rejoinNowValid = false;
        TrackStop(f);
    }

    /// <summary>
    /// The estimate with the range the measurements leave open: at best (the quicker stops of the field, the cars
    /// due to stop doing so in the same laps) and at worst (the slower stops, every car within reach going by).
    /// </summary>
    private RejoinEstimate EstimateIfStoppingNow()
    {
        var staying = StayingOut();
        // Behind a slow field the lane costs fewer places: the cars behind cover their gap at the field's speed.
        double k = Rejoin.FieldPace;
        var r = RejoinEstimator.Estimate(staying, Gaps.ClassPosition, Gaps.GapAhead, k * Rejoin.PitLaneLoss(TrackKm));
        double lo = k * Rejoin.LossLow, hi = k * Rejoin.LossHigh;
        if (!r.IsKnown || !(lo > 0) || !(hi >= lo)) return r;
        // Behind a neutralised field the cars around stop in the same laps (a safety car is the cheap stop for all):
        // at best none of them goes by.
        int best = k < NeutralisedPace ? Gaps.ClassPosition : RejoinEstimator.Estimate(staying, Gaps.ClassPosition, Gaps.GapAhead, lo).Position;
        int worst = RejoinEstimator.Estimate(Gaps.GapsBehind, Gaps.ClassPosition, Gaps.GapAhead, hi).Position;
        return r with { Best = Math.Min(best, r.Position), Worst = Math.Max(worst, r.Position) };
    }

    /// <summary>
    /// Follows the player's own stop: time in the lane, time standing. On the tick the car drives off after the
    /// service, the rejoin is estimated from what is left — the drive down the rest of the lane (the field's
    /// measured lane loss without the service, less what the player has already lost on the way to the box; no
    /// measurement yet: the way out costs what the way in did) — against the cars on the road behind.
    /// </summary>
    private void TrackStop(TelemetryFrame f)
    {
        LeftBoxThisTick = false;
        if (!Laps.OnPitRoad) { _laneEnteredAt = double.NaN; return; }
        if (Laps.EnteredPitRoadThisTick || double.IsNaN(_laneEnteredAt))
        {
            _laneEnteredAt = f.SessionTime;
            _laneEnteredPct = f.LapDistPct;
            _laneStill = 0;
            _leftBox = false;
            return;
        }
        if (f.Speed < 0.5f) { _laneStill += Dt; return; }
        if (_leftBox || _laneStill < BoxStandSeconds || f.Speed < 2f) return;
        _leftBox = true;
        LeftBoxThisTick = true;
        float span = f.LapDistPct - _laneEnteredPct;
        if (span < 0) span += 1;
        double lostSoFar = f.SessionTime - _laneEnteredAt - _laneStill - span * RefLapTime;
        double drive = Rejoin.DriveLoss;
        double left = double.IsFinite(drive) ? drive - lostSoFar : lostSoFar;
        RejoinLeavingBox = Gaps.Available && ClassRoadPosition(f) is > 0 and var pos
            ? RejoinEstimator.Estimate(Gaps.GapsBehind, pos, Gaps.GapAhead, Math.Max(0.1, left * Rejoin.FieldPace))
            : RejoinEstimate.Unknown;
        // Behind a neutralised field the cars on the road behind are queueing for the same cheap stop: which of them
        // turn into the lane behind the player, and so never go by, nothing measured says. At best none goes by.
        if (RejoinLeavingBox.IsKnown && Rejoin.FieldPace < NeutralisedPace && ClassRoadPosition(f) is > 0 and var road && road < RejoinLeavingBox.Position)
            RejoinLeavingBox = RejoinLeavingBox with { Best = road, Worst = RejoinLeavingBox.Position };
    }

    /// <summary>The player's place in class on the road (laps + lap fraction): the cars that have gone by while
    /// the player stood in the box are ahead now, whether or not they have crossed the line yet.</summary>
    private int ClassRoadPosition(TelemetryFrame f)
    {
        int me = PlayerCarIdx;
        if ((uint)me >= TelemetryFrame.MaxCars) return 0;
        int cls = f.CarIdxClass[me];
        float mine = f.CarIdxLapCompleted[me] + f.CarIdxLapDistPct[me];
        int ahead = 0;
        for (int i = 0; i < TelemetryFrame.MaxCars; i++)
        {
            if (i == me || _excluded[i] || f.CarIdxClass[i] != cls) continue;
            // A car out of the world (retired, parked) keeps its place in the classification by laps completed.
            if (f.CarIdxTrackSurface[i] == TrackSurface.NotInWorld || f.CarIdxLapDistPct[i] < 0)
            {
                if (f.CarIdxLapCompleted[i] > f.CarIdxLapCompleted[me]) ahead++;
            }
            else if (f.CarIdxLapCompleted[i] + f.CarIdxLapDistPct[i] > mine) ahead++;
        }
        return ahead + 1;
    }

    /// <summary>
    /// The gaps behind of the cars that will still be racing when the player comes out: a car due to stop itself
    /// (the pit model's odds at least even) takes its stop in the same laps and does not go by while the player is
    /// in the lane — when the whole field cycles through the stops together, counting them put the rejoin ten places low.
    /// </summary>
    private ReadOnlySpan<float> StayingOut()
    {
        var gaps = Gaps.GapsBehind;
        var cars = Gaps.GapsBehindCars;
        var p = Rivals.Probabilities;
        int n = 0;
        for (int i = 0; i < gaps.Length; i++)
            if (p[cars[i]] < 0.5f) _stayingOut[n++] = gaps[i];
        return _stayingOut.AsSpan(0, n);
    }

    private void ResetSession()
    {
        Laps.Reset();
        Fuel.Reset();
        Pace.ResetSession();
        Tyres.Reset();
        Gaps.Reset();
        Rejoin.Reset();
        Rivals.Reset();
        _lastTime = double.NaN;
        _rejoinNow = RejoinAtPitEntry = RejoinLeavingBox = RejoinEstimate.Unknown;
        _rejoinNowValid = true;
        _laneEnteredAt = double.NaN;
    }

    private void LearnTrack(TelemetryFrame f, SessionInfo? info)
    {
        if (info is { TrackLengthKm: > 0 }) { TrackLengthM = info.TrackLengthKm * 1000.0; return; }
        // No session info: LapDist / LapDistPct is the length, once far enough into the lap to be precise.
        if (f.LapDistPct > 0.2f && f.LapDist > 0) _learnedTrackLength = f.LapDist / f.LapDistPct;
        TrackLengthM = _learnedTrackLength;
    }

    private void WidenCarSlots(TelemetryFrame f)
    {
        if ((f.Available & TelemetryChannels.CarIdx) == 0) return;
        var surface = f.CarIdxTrackSurface;
        for (int i = surface.Length - 1; i >= CarSlots; i--)
        {
            if (surface[i] == TrackSurface.NotInWorld) continue;
            CarSlots = i + 1;
            return;
        }
    }

    private void UpdateExcluded(SessionInfo? info)
    {
        int version = info is null ? -1 : info.Drivers.Count;
        if (ReferenceEquals(info, _excludedFrom) && version == _excludedVersion) return;
        _excludedFrom = info;
        _excludedVersion = version;
        Array.Clear(_excluded);
        Array.Clear(_classLapTime);
        PaceCarIdx = -1;
        if (info is null) return;
        foreach (var d in info.Drivers)
        {
            if ((uint)d.CarIdx >= TelemetryFrame.MaxCars) continue;
            if (d.IsPaceCar || d.IsSpectator) _excluded[d.CarIdx] = true;
            if (d.IsPaceCar) PaceCarIdx = d.CarIdx;
            _classLapTime[d.CarIdx] = d.CarClassEstLapTime;
        }
    }
}
