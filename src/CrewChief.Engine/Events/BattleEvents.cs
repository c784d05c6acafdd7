namespace CrewChief.Events;

/// <summary>
/// The cars around the player: closing gaps, attack and defend ranges, the gap opening again, dirty and clean
/// air, lapped traffic ahead and faster cars coming through. Needs the CarIdx arrays (live map); silent otherwise.
/// </summary>
internal sealed class BattleEvents : IEventDetector
{
    internal const double AttackGap = 1.0, AttackRearm = 1.3;
    internal const double DefendGap = 0.6, DefendRearm = 0.9;
    internal const double ClearGap = 2.0;
    private const double ClosingWindow = 3.0, ClosingRate = 0.2;
    private const double DirtyGap = 1.0, CleanGap = 1.5, AirHoldSeconds = 5.0;
    private const double BlueRange = 1.5;
    private const double SettleSeconds = 1.5, DroppingAway = 0.1;
    private const double ClosingRepeatMargin = 1.0;

    /// <summary>The cars ahead/behind in class and since when they have been (a pass resets the clock).</summary>
    private int _aheadCar = -1, _behindCar = -1;
    private double _aheadSince, _behindSince;
    /// <summary>The car and gap of the last closing call.</summary>
    private int _closingCar = -1;
    private double _closingGap;

    private bool _attackArmed = true, _defendArmed = true, _clearArmed;
    private bool _inDirtyAir;
    private double _airSince = double.NaN;
    /// <summary>When the air changed and its call is still owed (NaN when none is). Owed while the air stays so: a
    /// call muted by a battle behind is still true, and worth saying, once that battle is over.</summary>
    private double _airCallSince = double.NaN;
    private int _lappedAnnounced = -1, _lappingAnnounced = -1, _fasterAnnounced = -1;
    /// <summary>Seconds without a faster-class car (or a backmarker) in range that end a pack of them: the next one is a new call.</summary>
    private const double TrafficPackGap = 20;
    /// <summary>When a backmarker was last in range ahead.</summary>
    private double _lappedInRangeAt = double.NegativeInfinity;
    /// <summary>A faster-class car nearer than this (s) is alongside: no "coming up behind" call.</summary>
    private const double FasterAlongside = 0.5;
    /// <summary>When a faster-class car was last in range behind.</summary>
    private double _fasterInRangeAt = double.NegativeInfinity;
    private const Telemetry.SessionFlags Neutralised = Telemetry.SessionFlags.Caution | Telemetry.SessionFlags.CautionWaving | Telemetry.SessionFlags.Red;

    public void Reset()
    {
        _attackArmed = _defendArmed = true;
        _clearArmed = _inDirtyAir = false;
        _airSince = _airCallSince = double.NaN;
        _lappedAnnounced = _lappingAnnounced = _fasterAnnounced = -1;
        _fasterInRangeAt = _lappedInRangeAt = double.NegativeInfinity;
        _aheadCar = _behindCar = _closingCar = -1;
    }

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        var gaps = ctx.Strategy.Gaps;
        if (!gaps.Available || !ctx.InWorld || ctx.Frame.OnPitRoad) return;
        // Behind a safety car, under a full-course yellow or a red flag nobody may overtake: no attack, defend or
        // closing calls, and no traffic to pass either — the lapped cars and the other classes queue in the same
        // line (nose to tail, or stopped), and who is where in it is the race director's business. A car still in
        // range at the green is called then, as new.
        if (ctx.Has(Telemetry.TelemetryChannels.SessionFlags) && (ctx.Frame.SessionFlags & Neutralised) != 0)
        {
            _lappedAnnounced = _lappingAnnounced = _fasterAnnounced = -1;
            return;
        }
        DetectTraffic(ctx, emit);
        // On the grid and the parade lap the field runs nose to tail by rule: that is no dirty air.
        if (!ctx.IsRacing) return;
        DetectAir(ctx, emit, gaps.NearestAheadOnTrack);

        // A car in the pit lane is in no fight with the player: its race-order gap is a stop, not a battle. Nor is
        // one just out of it (or the player, just out): up to speed on cold tyres, the gap still made of the stop
        // and where the car is between timing lines the least measured part of the race.
        // A battle is called on a measured gap only (the two cars' crossings of the same timing point), never on
        // the distance between them at the start of a session, before they have crossed one in common.
        bool meRejoining = gaps.Rejoining(ctx.Frame.PlayerCarIdx);
        double ahead = gaps.CarAheadIdx >= 0 && gaps.GapAheadMeasured && !meRejoining && !gaps.Rejoining(gaps.CarAheadIdx) ? gaps.GapAhead : double.NaN;
        double behind = gaps.CarBehindIdx >= 0 && gaps.GapBehindMeasured && !meRejoining && !gaps.Rejoining(gaps.CarBehindIdx) ? gaps.GapBehind : double.NaN;
        double t = ctx.Time;
        // A pass puts the two cars nose to tail for a moment: only a gap that holds, with the other car measurably
        // not dropping away (the closing rate needs a few seconds of samples after a change of car), is a fight.
        if (gaps.CarAheadIdx != _aheadCar) { _aheadCar = gaps.CarAheadIdx; _aheadSince = t; }
        if (gaps.CarBehindIdx != _behindCar) { _behindCar = gaps.CarBehindIdx; _behindSince = t; }
        bool aheadSettled = t - _aheadSince >= SettleSeconds && gaps.ClosingAhead >= -DroppingAway;
        bool behindSettled = t - _behindSince >= SettleSeconds && gaps.ClosingBehind >= -DroppingAway;

        if (ahead > AttackRearm || double.IsNaN(ahead)) _attackArmed = true;
        else if (_attackArmed && ahead < AttackGap && aheadSettled && Raise(ctx, emit, EventKind.Attack, gaps.CarAheadIdx, FactKey.GapAhead, ahead, gaps.ClosingAhead))
            _attackArmed = false;

        if (behind > DefendRearm || double.IsNaN(behind)) _defendArmed = true;
        else if (_defendArmed && behind < DefendGap && behindSettled && Raise(ctx, emit, EventKind.Defend, gaps.CarBehindIdx, FactKey.GapBehind, behind, gaps.ClosingBehind))
        {
            _defendArmed = false;
            _clearArmed = true;
        }
        if (behind < AttackGap) _clearArmed = true;
        if (_clearArmed && !(behind <= ClearGap) && Raise(ctx, emit, EventKind.GapClear, gaps.CarBehindIdx, FactKey.GapBehind, behind, gaps.ClosingBehind))
            _clearArmed = false;

        if (!emit.IsCoolingDown(EventKind.GapClosing))
        {
            if (behind > DefendGap && behind < ClosingWindow && gaps.ClosingBehind >= ClosingRate)
                RaiseClosing(ctx, emit, gaps.CarBehindIdx, FactKey.GapBehind, behind, gaps.ClosingBehind);
            else if (ahead > AttackGap && ahead < ClosingWindow && gaps.ClosingAhead >= ClosingRate)
                RaiseClosing(ctx, emit, gaps.CarAheadIdx, FactKey.GapAhead, ahead, gaps.ClosingAhead);
        }
    }

    /// <summary>Once per car and approach: the same car again only when the gap has come down by a real margin.</summary>
    private void RaiseClosing(in TickContext ctx, EventEmitter emit, int car, FactKey gapKey, double gap, double rate)
    {
        if (car == _closingCar && _closingGap - gap < ClosingRepeatMargin) return;
        if (Raise(ctx, emit, EventKind.GapClosing, car, gapKey, gap, rate)) { _closingCar = car; _closingGap = gap; }
    }

    private void DetectAir(in TickContext ctx, EventEmitter emit, double nearest)
    {
        bool dirtyNow = nearest < DirtyGap;
        bool cleanNow = !(nearest <= CleanGap);
        bool changing = _inDirtyAir ? cleanNow : dirtyNow;
        double t = ctx.Time;
        if (!changing) _airSince = double.NaN;
        else
        {
            if (double.IsNaN(_airSince)) _airSince = t;
            if (t - _airSince >= AirHoldSeconds)
            {
                // The state follows the road even if the call has to wait; flipping back cancels a call still owed.
                _inDirtyAir = !_inDirtyAir;
                _airSince = double.NaN;
                _airCallSince = double.IsNaN(_airCallSince) ? t : double.NaN;
            }
        }
        if (double.IsNaN(_airCallSince)) return;
        var facts = new FactSet();
        if (!double.IsNaN(nearest)) facts.Set(FactKey.GapAhead, nearest);
        if (emit.TryRaise(_inDirtyAir ? EventKind.DirtyAir : EventKind.CleanAir, in facts)) _airCallSince = double.NaN;
    }

    private void DetectTraffic(in TickContext ctx, EventEmitter emit)
    {
        var gaps = ctx.Strategy.Gaps;
        // Backmarkers come in streams too (a Hypercar through a field of GT3s at Spa heard "lapped traffic ahead"
        // every 20 s for four minutes): the stream is one call, a new one after TrafficPackGap with none in range.
        int lapped = gaps.LappedCarAheadIdx;
        double at = ctx.Time;
        if (lapped < 0)
        {
            if (at - _lappedInRangeAt > TrafficPackGap) _lappedAnnounced = -1;
        }
        else
        {
            _lappedInRangeAt = at;
            if (_lappedAnnounced < 0)
            {
                var facts = new FactSet();
                ctx.AddCar(ref facts, lapped);
                facts.Set(FactKey.GapAhead, gaps.LappedCarAheadGap);
                if (emit.TryRaise(EventKind.LappedTraffic, in facts)) _lappedAnnounced = lapped;
            }
        }

        int lapping = gaps.LappingCarBehindIdx;
        if (lapping < 0 || !(gaps.LappingCarBehindGap <= BlueRange)) { if (lapping < 0) _lappingAnnounced = -1; }
        else if (lapping != _lappingAnnounced)
        {
            var facts = new FactSet();
            ctx.AddCar(ref facts, lapping);
            facts.Set(FactKey.GapBehind, gaps.LappingCarBehindGap);
            // The leader of the player's own class lapping them is the call that matters for the class result.
            int rivalPos = ctx.Frame.CarIdxClassPosition[lapping];
            if (rivalPos > 0) facts.Set(FactKey.RivalPosition, rivalPos);
            if (emit.TryRaise(EventKind.BlueFlagCarBehind, in facts)) _lappingAnnounced = lapping;
        }

        // Multi-class: a faster-class car coming up behind on the road (a prototype closing on a GT car). Once per
        // approach: prototypes come through in packs (a Fuji replay had eight in 80 s, one call every 10 s, each
        // held by the cooldown until the car was on the bumper), so the cars that follow the first within
        // TrafficPackGap of one another are the same warning, not new ones.
        int faster = gaps.FasterClassBehindIdx;
        double now = ctx.Time;
        if (faster < 0)
        {
            if (now - _fasterInRangeAt > TrafficPackGap) _fasterAnnounced = -1;
        }
        else
        {
            _fasterInRangeAt = now;
            // First seen already alongside (out of the pit lane, or held by other calls): the spotter's "car left /
            // right" has it; "faster car behind, 0.0 s" would be news from the past.
            if (_fasterAnnounced < 0 && gaps.FasterClassBehindGap < FasterAlongside) _fasterAnnounced = faster;
            if (_fasterAnnounced < 0)
            {
                var facts = new FactSet();
                ctx.AddCar(ref facts, faster);
                facts.Set(FactKey.GapBehind, Math.Round(gaps.FasterClassBehindGap, 1));
                int rivalPos = ctx.Frame.CarIdxClassPosition[faster];
                if (rivalPos > 0) facts.Set(FactKey.RivalPosition, rivalPos);
                if (emit.TryRaise(EventKind.FasterClassApproaching, in facts)) _fasterAnnounced = faster;
            }
        }
    }

    private static bool Raise(in TickContext ctx, EventEmitter emit, EventKind kind, int car, FactKey gapKey, double gap, double rate)
    {
        var facts = new FactSet();
        ctx.AddCar(ref facts, car);
        if (!double.IsNaN(gap)) facts.Set(gapKey, gap);
        if (!double.IsNaN(rate)) facts.Set(FactKey.ClosingRate, rate);
        facts.Set(FactKey.Position, ctx.Position);
        return emit.TryRaise(kind, in facts);
    }
}
