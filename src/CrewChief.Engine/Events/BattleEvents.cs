namespace CrewChief.Events;

/// <summary>
/// The cars around the player: closing gaps, attack and defend ranges, the gap opening again, dirty and clean
/// air, lapped traffic ahead and faster cars coming through. Needs the CarIdx arrays (live map); silent otherwise.
/// </summary>
internal sealed class BattleEvents : IEventDetector
{
    private const double AttackGap = 1.0, AttackRearm = 1.3;
    private const double DefendGap = 0.6, DefendRearm = 0.9;
    private const double ClearGap = 2.0;
    private const double ClosingWindow = 3.0, ClosingRate = 0.2;
    private const double DirtyGap = 1.0, CleanGap = 1.5, AirHoldSeconds = 5.0;
    private const double BlueRange = 1.5;

    private bool _attackArmed = true, _defendArmed = true, _clearArmed;
    private bool _inDirtyAir;
    private double _airSince = double.NaN;
    private int _lappedAnnounced = -1, _lappingAnnounced = -1;

    public void Reset()
    {
        _attackArmed = _defendArmed = true;
        _clearArmed = _inDirtyAir = false;
        _airSince = double.NaN;
        _lappedAnnounced = _lappingAnnounced = -1;
    }

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        var gaps = ctx.Strategy.Gaps;
        if (!gaps.Available || !ctx.InWorld || ctx.Frame.OnPitRoad) return;
        DetectAir(ctx, emit, gaps.NearestAheadOnTrack);
        DetectTraffic(ctx, emit);
        if (!ctx.IsRacing) return;

        double ahead = gaps.GapAhead, behind = gaps.GapBehind;
        if (ahead > AttackRearm || double.IsNaN(ahead)) _attackArmed = true;
        else if (_attackArmed && ahead < AttackGap && Raise(ctx, emit, EventKind.Attack, gaps.CarAheadIdx, FactKey.GapAhead, ahead, gaps.ClosingAhead))
            _attackArmed = false;

        if (behind > DefendRearm || double.IsNaN(behind)) _defendArmed = true;
        else if (_defendArmed && behind < DefendGap && Raise(ctx, emit, EventKind.Defend, gaps.CarBehindIdx, FactKey.GapBehind, behind, gaps.ClosingBehind))
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
                Raise(ctx, emit, EventKind.GapClosing, gaps.CarBehindIdx, FactKey.GapBehind, behind, gaps.ClosingBehind);
            else if (ahead > AttackGap && ahead < ClosingWindow && gaps.ClosingAhead >= ClosingRate)
                Raise(ctx, emit, EventKind.GapClosing, gaps.CarAheadIdx, FactKey.GapAhead, ahead, gaps.ClosingAhead);
        }
    }

    private void DetectAir(in TickContext ctx, EventEmitter emit, double nearest)
    {
        bool dirtyNow = nearest < DirtyGap;
        bool cleanNow = !(nearest <= CleanGap);
        bool changing = _inDirtyAir ? cleanNow : dirtyNow;
        if (!changing) { _airSince = double.NaN; return; }
        if (double.IsNaN(_airSince)) _airSince = ctx.Time;
        if (ctx.Time - _airSince < AirHoldSeconds) return;
        var facts = new FactSet();
        if (!double.IsNaN(nearest)) facts.Set(FactKey.GapAhead, nearest);
        // The state follows the road even if the call is refused: a late "clean air" is worse than none.
        _inDirtyAir = !_inDirtyAir;
        _airSince = double.NaN;
        emit.TryRaise(_inDirtyAir ? EventKind.DirtyAir : EventKind.CleanAir, in facts);
    }

    private void DetectTraffic(in TickContext ctx, EventEmitter emit)
    {
        var gaps = ctx.Strategy.Gaps;
        int lapped = gaps.LappedCarAheadIdx;
        if (lapped < 0) _lappedAnnounced = -1;
        else if (lapped != _lappedAnnounced)
        {
            var facts = new FactSet();
            ctx.AddCar(ref facts, lapped);
            facts.Set(FactKey.GapAhead, gaps.LappedCarAheadGap);
            if (emit.TryRaise(EventKind.LappedTraffic, in facts)) _lappedAnnounced = lapped;
        }

        int lapping = gaps.LappingCarBehindIdx;
        if (lapping < 0 || !(gaps.LappingCarBehindGap <= BlueRange)) { if (lapping < 0) _lappingAnnounced = -1; }
        else if (lapping != _lappingAnnounced)
        {
            var facts = new FactSet();
            ctx.AddCar(ref facts, lapping);
            facts.Set(FactKey.GapBehind, gaps.LappingCarBehindGap);
            if (emit.TryRaise(EventKind.BlueFlagCarBehind, in facts)) _lappingAnnounced = lapping;
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
