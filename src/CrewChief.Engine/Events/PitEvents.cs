using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Events;

/// <summary>
/// The pit lane and the stop: entry and exit, the limiter left off, the pit window opening, "box this lap" in time
/// to act on it (from the pit-call timer), where the car would rejoin, and rivals about to stop (undercut chance).
/// </summary>
internal sealed class PitEvents : IEventDetector
{
    private const double LimiterHoldSeconds = 0.5;
    /// <summary>"At or near the limit": a car this close to it with the limiter off is about to be over.</summary>
    private const double LimiterNearFraction = 0.9;
    /// <summary>m/s over the limit before it counts (a limiter overshoots by a few tenths of a km/h).</summary>
    private const double SpeedingToleranceMs = 0.3;
    private const double SpeedingHoldSeconds = 0.3;
    private const double SpeedingAfterLimiterCallSeconds = 2;
    private const double RivalThreshold = 0.6;
    private const double PendingSeconds = 10;

    private double _entryPendingSince = double.NaN, _exitPendingSince = double.NaN, _rejoinPendingSince = double.NaN;
    private double _leavingBoxPendingSince = double.NaN;
    /// <summary>
    /// A range wider than this many places is no estimate worth a number ("in traffic" is said instead): with the
    /// stops of the field spread by a driver change or fuel only, one second more or less is a place or two.
    /// </summary>
    private const int RejoinRangeMaxPlaces = 4;
    /// <summary>The leaving-the-box estimate is worth saying for this long: then the car is out and the exit says it.</summary>
    private const double LeavingBoxPendingSeconds = 4;
    /// <summary>A gap at the exit beyond this is no traffic to speak of (the next car may be a lap away, or in its own stop).</summary>
    private const double RejoinGapWorthSaying = 30;
    private double _limiterOffSince = double.NaN, _speedingSince = double.NaN;
    private bool _limiterSeen, _limiterCalledThisVisit, _speedingCalledThisVisit;
    private double _limiterCalledAt;
    private bool _windowCalled;
    private int _boxCalledLap = -1;
    private readonly bool[] _rivalAnnounced = new bool[TelemetryFrame.MaxCars];

    public void Reset()
    {
        _entryPendingSince = _exitPendingSince = _rejoinPendingSince = _limiterOffSince = _speedingSince = _leavingBoxPendingSince = double.NaN;
        _limiterSeen = _limiterCalledThisVisit = _speedingCalledThisVisit = false;
        _windowCalled = false;
        _boxCalledLap = -1;
        Array.Clear(_rivalAnnounced);
    }

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        if (!ctx.InWorld) return;
        var s = ctx.Strategy;
        double t = ctx.Time;
        // A tow into the box is no pit entry, and its rejoin is after the tow's time, which no lane loss measures.
        if (s.Laps.EnteredPitRoadThisTick && !s.Laps.TowedThisTick) { _entryPendingSince = t; _rejoinPendingSince = t; _exitPendingSince = double.NaN; }
        else if (s.Laps.TowedThisTick) { _entryPendingSince = _rejoinPendingSince = _exitPendingSince = double.NaN; }
        if (s.Laps.ExitedPitRoadThisTick) { _exitPendingSince = t; _entryPendingSince = _rejoinPendingSince = _leavingBoxPendingSince = double.NaN; _windowCalled = false; }
        if (s.LeftBoxThisTick) { _leavingBoxPendingSince = t; _rejoinPendingSince = double.NaN; }
        // Under a red flag the field stands: a car sent out of its box joins the queue, not a place in a moving race.
        bool red = ctx.Has(TelemetryChannels.SessionFlags) && (ctx.Frame.SessionFlags & SessionFlags.Red) != 0;
        if (!double.IsNaN(_leavingBoxPendingSince) && t - _leavingBoxPendingSince <= LeavingBoxPendingSeconds
            && s.RejoinLeavingBox.IsKnown && RaiseLeavingBox(s.RejoinLeavingBox, withPlace: !red, emit))
            _leavingBoxPendingSince = double.NaN;

        DetectLimiter(ctx, emit);

        // The rejoin estimate goes first: it matters more than "pit entry" and is only true before the stop starts.
        if (Pending(_rejoinPendingSince, t) && s.RejoinIfStoppingNow.IsKnown && RaiseRejoin(s, emit)) _rejoinPendingSince = double.NaN;
        if (Pending(_entryPendingSince, t))
        {
            var facts = new FactSet();
            facts.Set(FactKey.Lap, s.Laps.CurrentLap);
            facts.Set(FactKey.FuelLevel, Math.Round(ctx.Frame.FuelLevel, 2));
            if (ctx.Info is { PitSpeedLimitKph: > 0 } info) facts.Set(FactKey.PitSpeedLimit, Math.Round(info.PitSpeedLimitKph / 3.6, 2));
            // The rejoin estimate as it stood on the way in, so where the car really rejoins can be held against it.
            if (s.RejoinAtPitEntry.IsKnown) facts.Set(FactKey.RejoinPosition, s.RejoinAtPitEntry.Position);
            if (emit.TryRaise(EventKind.PitEntry, in facts)) _entryPendingSince = double.NaN;
        }
        if (Pending(_exitPendingSince, t))
        {
            var facts = new FactSet();
            int pos = ctx.Position;
            if (pos > 0) facts.Set(FactKey.Position, pos);
            facts.Set(FactKey.FuelLevel, Math.Round(ctx.Frame.FuelLevel, 2));
            if (s.Fuel.Plan.LapsOfFuel > 0) facts.Set(FactKey.FuelLapsLeft, Math.Round(s.Fuel.Plan.LapsOfFuel, 1));
            if (emit.TryRaise(EventKind.PitExit, in facts)) _exitPendingSince = double.NaN;
        }

        if (s.Laps.OnPitRoad || !s.Race.IsRace || !s.Fuel.HasMeasuredLaps) return;
        // A red flag stops the field where it is: no window, no "box", no rival about to stop until it restarts.
        if (ctx.Has(TelemetryChannels.SessionFlags) && (ctx.Frame.SessionFlags & SessionFlags.Red) != 0) return;
        var plan = s.Fuel.Plan;
        // A shortfall a realistic save covers is no stop: no window, no "box" (the fuel calls ask for the save).
        if (!plan.IsKnown || plan.StopsNeeded < 1 || plan.SavePerLap > 0) { DetectRivals(ctx, emit); return; }
        int lap = s.Laps.CurrentLap;

        if (!_windowCalled && lap >= plan.WindowOpenLap && lap < plan.WindowCloseLap)
        {
            var facts = new FactSet();
            facts.Set(FactKey.PitWindowOpenLap, plan.WindowOpenLap);
            facts.Set(FactKey.PitWindowCloseLap, plan.WindowCloseLap);
            facts.Set(FactKey.FuelToAdd, Math.Round(plan.FuelToAdd, 1));
            facts.Set(FactKey.StopsNeeded, plan.StopsNeeded);
            facts.Set(FactKey.Lap, lap);
            _windowCalled = emit.TryRaise(EventKind.PitWindowOpen, in facts);
        }

        // The fuel cannot complete another lap after this one: the stop has to be this lap.
        if (lap >= plan.WindowCloseLap && _boxCalledLap != lap)
        {
            var timer = s.PitCall;
            bool inTime = !timer.HasPitEntry || timer.State is PitCallState.Amber or PitCallState.Red;
            if (inTime)
            {
                var facts = new FactSet();
                facts.Set(FactKey.Lap, lap);
                facts.Set(FactKey.FuelLapsLeft, Math.Round(plan.LapsOfFuel, 2));
                facts.Set(FactKey.FuelToAdd, Math.Round(plan.FuelToAdd, 1));
                facts.Set(FactKey.PitCallState, (int)timer.State);
                float ttl = float.NaN;
                if (timer.HasPitEntry)
                {
                    facts.Set(FactKey.SecondsToCallPoint, Math.Round(timer.SecondsToCallPoint, 1));
                    // Worthless once the call point has passed (the buffer is kept for saying it).
                    ttl = (float)Math.Max(1, timer.SecondsToCallPoint);
                }
                if (emit.TryRaise(EventKind.BoxThisLap, Priority.Critical, in facts, ttl))
                {
                    _boxCalledLap = lap;
                    _rejoinPendingSince = t;
                }
            }
        }
        DetectRivals(ctx, emit);
    }

    private static bool Pending(double since, double now) => !double.IsNaN(since) && now - since <= PendingSeconds;

    private static bool RaiseLeavingBox(in RejoinEstimate r, bool withPlace, EventEmitter emit)
    {
        var facts = new FactSet();
        if (!withPlace) return emit.TryRaise(EventKind.RejoinLeavingBox, in facts);
        if (r.HasRange && r.Worst > r.Best)
        {
            // Under a neutralisation (see RaceStrategy.TrackStop): a range, or no place at all when it is too wide.
            if (r.Worst - r.Best <= RejoinRangeMaxPlaces)
            {
                facts.Set(FactKey.RejoinPosition, r.Position);
                facts.Set(FactKey.RejoinBest, r.Best);
                facts.Set(FactKey.RejoinWorst, r.Worst);
            }
            return emit.TryRaise(EventKind.RejoinLeavingBox, in facts);
        }
        facts.Set(FactKey.RejoinPosition, r.Position);
        if (r.GapAhead is >= 0 and <= RejoinGapWorthSaying) facts.Set(FactKey.RejoinGapAhead, Math.Round(r.GapAhead, 1));
        if (r.GapBehind is >= 0 and <= RejoinGapWorthSaying) facts.Set(FactKey.RejoinGapBehind, Math.Round(r.GapBehind, 1));
        return emit.TryRaise(EventKind.RejoinLeavingBox, in facts);
    }

    /// <summary>
    /// The estimate before the stop is spoken as an estimate: a range when the field's stops measured leave one
    /// open, no place number at all when that range is too wide to be worth one.
    /// </summary>
    private static bool RaiseRejoin(RaceStrategy s, EventEmitter emit)
    {
        var r = s.RejoinIfStoppingNow;
        var facts = new FactSet();
        if (r.HasRange && r.Worst - r.Best > RejoinRangeMaxPlaces)
        {
            facts.Set(FactKey.PitLaneLoss, Math.Round(r.PitLaneLoss, 1));
            return emit.TryRaise(EventKind.RejoinEstimate, in facts);
        }
        facts.Set(FactKey.RejoinPosition, r.Position);
        if (r.HasRange && r.Worst > r.Best)
        {
            // A range has no gap to the next car worth a number: which car that is, is what the range leaves open.
            facts.Set(FactKey.RejoinBest, r.Best);
            facts.Set(FactKey.RejoinWorst, r.Worst);
        }
        else
        {
            if (r.GapAhead is >= 0 and <= RejoinGapWorthSaying) facts.Set(FactKey.RejoinGapAhead, Math.Round(r.GapAhead, 1));
            if (r.GapBehind is >= 0 and <= RejoinGapWorthSaying) facts.Set(FactKey.RejoinGapBehind, Math.Round(r.GapBehind, 1));
        }
        facts.Set(FactKey.PitLaneLoss, Math.Round(r.PitLaneLoss, 1));
        return emit.TryRaise(EventKind.RejoinEstimate, in facts);
    }

    /// <summary>
    /// The limiter call is for a car that has one (dcPitSpeedLimiterToggle published, or the limiter light seen this
    /// session; many 2015 oval cars have none) with it off while at or near the YAML's pit speed limit on pit road;
    /// once per visit. Over the limit is a speeding call whether or not the car has a limiter. No limit in the YAML,
    /// no call: a crawl at 20 km/h is no reason to shout.
    /// </summary>
    private void DetectLimiter(in TickContext ctx, EventEmitter emit)
    {
        var f = ctx.Frame;
        var laps = ctx.Strategy.Laps;
        if (laps.EnteredPitRoadThisTick || laps.ExitedPitRoadThisTick || laps.ResetThisTick)
        {
            _limiterCalledThisVisit = _speedingCalledThisVisit = false;
            _limiterOffSince = _speedingSince = double.NaN;
        }
        bool limiterOn = ctx.Has(TelemetryChannels.EngineWarnings) && (f.EngineWarnings & EngineWarnings.PitSpeedLimiter) != 0;
        if (limiterOn) _limiterSeen = true;
        double limit = ctx.Info is { PitSpeedLimitKph: > 0 } info ? info.PitSpeedLimitKph / 3.6 : 0;
        bool inStall = ctx.Has(TelemetryChannels.PlayerTrackSurface) && f.PlayerTrackSurface == TrackSurface.InPitStall;
        bool onPitLane = f.OnPitRoad && !inStall && limit > 0;

        bool hasLimiter = _limiterSeen || ctx.Has(TelemetryChannels.PitLimiterControl);
        bool missing = onPitLane && hasLimiter && !limiterOn && ctx.Has(TelemetryChannels.EngineWarnings)
            && f.Speed >= LimiterNearFraction * limit;
        if (!missing) _limiterOffSince = double.NaN;
        else if (!_limiterCalledThisVisit)
        {
            if (double.IsNaN(_limiterOffSince)) _limiterOffSince = ctx.Time;
            if (ctx.Time - _limiterOffSince >= LimiterHoldSeconds)
            {
                var facts = new FactSet();
                facts.Set(FactKey.Speed, Math.Round(f.Speed, 1));
                facts.Set(FactKey.PitSpeedLimit, Math.Round(limit, 2));
                _limiterCalledThisVisit = emit.TryRaise(EventKind.PitLimiterMissing, in facts);
                if (_limiterCalledThisVisit) _limiterCalledAt = ctx.Time;
            }
        }

        // A car with a limiter hears the limiter call (its wording names the limit), and once the limiter is on it
        // brings the car down by itself: "slow down" is for a car without one, or a driver who ignored the call.
        bool ignored = hasLimiter && !limiterOn && _limiterCalledThisVisit && ctx.Time - _limiterCalledAt >= SpeedingAfterLimiterCallSeconds;
        bool speeding = onPitLane && f.Speed > limit + SpeedingToleranceMs && (!hasLimiter || ignored);
        if (!speeding) _speedingSince = double.NaN;
        else if (!_speedingCalledThisVisit)
        {
            if (double.IsNaN(_speedingSince)) _speedingSince = ctx.Time;
            if (ctx.Time - _speedingSince >= SpeedingHoldSeconds)
            {
                var facts = new FactSet();
                facts.Set(FactKey.Speed, Math.Round(f.Speed, 1));
                facts.Set(FactKey.PitSpeedLimit, Math.Round(limit, 2));
                _speedingCalledThisVisit = emit.TryRaise(EventKind.PitSpeeding, in facts);
            }
        }
    }

    private void DetectRivals(in TickContext ctx, EventEmitter emit)
    {
        var s = ctx.Strategy;
        var gaps = s.Gaps;
        // Nobody stops on the last lap: a rival "about to pit" then is only a car whose fuel load the model cannot see.
        if (!gaps.Available || !ctx.IsRacing || s.Race.LapsToGo <= 1) return;
        // Behind a safety car or a full-course yellow the call's advice ("push now") is against the rules, and the
        // whole field may stop: the stop itself is called when it is seen.
        if (ctx.Has(TelemetryChannels.SessionFlags) && (ctx.Frame.SessionFlags & (SessionFlags.Caution | SessionFlags.CautionWaving | SessionFlags.Red)) != 0) return;
        var p = s.Rivals.Probabilities;
        var f = ctx.Frame;
        for (int i = 0; i < ctx.Strategy.CarSlots; i++) if (f.CarIdxOnPitRoad[i]) _rivalAnnounced[i] = false;
        double loss = s.Rejoin.PitLaneLoss(s.TrackKm);
        // Only the cars the stop could swap places with: the neighbours within a pit loss.
        TryRival(ctx, emit, gaps.CarAheadIdx, FactKey.GapAhead, gaps.GapAhead, loss, p);
        TryRival(ctx, emit, gaps.CarBehindIdx, FactKey.GapBehind, gaps.GapBehind, loss, p);
    }

    private void TryRival(in TickContext ctx, EventEmitter emit, int car, FactKey gapKey, double gap, double loss, ReadOnlySpan<float> p)
    {
        if (car < 0 || _rivalAnnounced[car] || p[car] < RivalThreshold || !(gap < loss)) return;
        var facts = new FactSet();
        ctx.AddCar(ref facts, car);
        facts.Set(FactKey.RivalPitProbability, Math.Round(p[car], 2));
        facts.Set(gapKey, Math.Round(gap, 1));
        facts.Set(FactKey.PitLaneLoss, Math.Round(loss, 1));
        if (emit.TryRaise(EventKind.RivalAboutToPit, in facts)) _rivalAnnounced[car] = true;
    }
}
