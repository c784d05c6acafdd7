using CrewChief.Strategy;

namespace CrewChief.Events;

/// <summary>
/// Fuel calls from measured clean laps only (never from the instantaneous burn): the warning and the critical call
/// when the fuel will not reach the flag (a shortfall a realistic save covers is the saving target's call instead),
/// the fuel-to-finish status every few laps and at the first line after a stop (what the stop left in the tank),
/// and a saving target when the finish is within reach by saving. Nothing once the race is run.
/// </summary>
internal sealed class FuelEvents(BrainOptions options) : IEventDetector
{
    private readonly double _warnLaps = options.FuelWarningLaps;
    private readonly double _criticalLaps = options.FuelCriticalLaps;
    private readonly int _statusEvery = options.FuelStatusEveryLaps;

    private bool _warned;
    private bool _statusPending, _savePending, _statusAfterStop;
    /// <summary>Pit road was left since the last line: the next line gives the status the stop left.</summary>
    private bool _stoppedSinceLine;
    /// <summary>The status owed is about a thin margin: more than routine.</summary>
    private bool _statusThin;
    public void Reset() => _warned = _statusPending = _savePending = _statusAfterStop = _stoppedSinceLine = _statusThin = false;

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        var s = ctx.Strategy;
        if (s.Laps.ExitedPitRoadThisTick) { _warned = false; _stoppedSinceLine = true; }
        if (!ctx.InWorld || s.Laps.OnPitRoad || !s.Fuel.HasMeasuredLaps || !s.Race.IsRace) return;
        var plan = s.Fuel.Plan;
        if (!plan.IsKnown && double.IsNaN(s.Race.LapsRemaining))
        {
            // The race's length is unknown (no laps or time to go): nothing says whether the fuel reaches the flag,
            // but a tank that runs dry in a few laps is true either way.
            if (!_warned && plan.LapsOfFuel <= _warnLaps) _warned = Raise(ctx, emit, EventKind.FuelWarning);
            return;
        }
        // After the flag the plan has nothing left to cover: no call about it is true any more.
        if (!plan.IsKnown || s.Race.LapsToGo <= 0) return;

        // Short by no more than a realistic save is the saving target's call, not "you won't make it".
        bool shortOfFinish = plan.StopsNeeded >= 1 && !(plan.SavePerLap > 0);
        if (s.Laps.CompletedThisTick)
        {
            _statusAfterStop = _stoppedSinceLine;
            // On the run to the flag (the last status interval) a thin margin, under a lap to spare, is worth the
            // status at every line: one lap of burning more and it is a stop.
            bool thin = plan.StopsNeeded == 0 && s.Race.LapsRemaining <= _statusEvery && plan.LapsOfFuel - s.Race.LapsRemaining < 1;
            _statusPending = s.Laps.LapsCompleted % _statusEvery == 0 || _stoppedSinceLine || thin;
            _statusThin = thin;
            _stoppedSinceLine = false;
            _savePending = plan.StopsNeeded == 1 && plan.SavePerLap > 0;
            // Short of the flag, the warning is the count-down at each line (its cooldown spaces it) until the stop.
            if (shortOfFinish) _warned = false;
        }
        if (shortOfFinish && plan.LapsOfFuel <= _criticalLaps)
        {
            Raise(ctx, emit, EventKind.FuelCritical);
            return;
        }
        if (shortOfFinish && !_warned && plan.LapsOfFuel <= _warnLaps)
        {
            _warned = Raise(ctx, emit, EventKind.FuelWarning);
        }
        // Short by a savable amount, the status carries the save as a fact so it says "tight", not "fine": "fuel's
        // fine" followed by "save 0.11 a lap" would contradict itself. The save call then gives the number.
        // The status the stop left is part of the stop's debrief (Medium, like pit exit); the routine one is Low.
        // Short of the flag there is no status "to the finish" ("fuel's good to the finish" would be false): the
        // warning speaks at its mark.
        if (shortOfFinish) _statusPending = false;
        if (_statusPending && Raise(ctx, emit, EventKind.FuelToFinish, _statusAfterStop || _statusThin ? Priority.Medium : Priority.Low)) _statusPending = false;
        if (_savePending)
        {
            if (!(plan.SavePerLap > 0)) _savePending = false;
            // On the run to the flag (the last status interval) the save is the finish: too few laps are left to make
            // it up later, so it outranks a wear or milestone word, as the fuel warning does.
            else if (Raise(ctx, emit, EventKind.FuelSaveTarget, s.Race.LapsRemaining <= _statusEvery ? Priority.High : EventCatalog.Spec(EventKind.FuelSaveTarget).Priority))
                _savePending = false;
        }
    }

    private static bool Raise(in TickContext ctx, EventEmitter emit, EventKind kind) =>
        Raise(ctx, emit, kind, EventCatalog.Spec(kind).Priority);

    private static bool Raise(in TickContext ctx, EventEmitter emit, EventKind kind, Priority priority)
    {
        var s = ctx.Strategy;
        var plan = s.Fuel.Plan;
        var facts = new FactSet();
        facts.Set(FactKey.FuelLevel, Math.Round(s.Fuel.FuelLevel, 2));
        facts.Set(FactKey.FuelPerLap, Math.Round(plan.PerLap, 3));
        facts.Set(FactKey.FuelLapsLeft, Math.Round(plan.LapsOfFuel, 1));
        // Stops beyond "none" are counted in tanks: without the tank's size the count would be a guess.
        if (plan.StopsNeeded == 0 || (plan.StopsNeeded > 0 && s.TankLitres > 0)) facts.Set(FactKey.StopsNeeded, plan.StopsNeeded);
        if (kind == EventKind.FuelSaveTarget || (kind == EventKind.FuelToFinish && plan.StopsNeeded >= 1 && plan.SavePerLap > 0))
            facts.Set(FactKey.FuelSavePerLap, FuelMath.SpokenSave(plan.SavePerLap));
        if (kind is EventKind.FuelToFinish or EventKind.FuelSaveTarget)
        {
            facts.Set(FactKey.FuelToFinish, Math.Round(plan.FuelToFinish, 1));
            // A timed race's laps to go are the clock's estimate, moved a lap by every stop and caution: a number
            // for them only near the end (RaceProgressEvents says the same).
            if (!s.Race.IsTimed || s.Race.LapsRemaining <= 10) facts.Set(FactKey.LapsRemaining, Math.Round(s.Race.LapsRemaining, 1));
            if (plan.StopsNeeded == 0) facts.Set(FactKey.FuelSpareLaps, Math.Round(plan.LapsOfFuel - s.Race.LapsRemaining, 1));
        }
        // "Short of the flag" is said against the laps to go when the race's length is known.
        if (kind == EventKind.FuelWarning && plan.IsKnown && !double.IsNaN(s.Race.LapsRemaining) && (!s.Race.IsTimed || s.Race.LapsRemaining <= 10))
            facts.Set(FactKey.LapsRemaining, Math.Round(s.Race.LapsRemaining, 1));
        if (kind is EventKind.FuelToFinish or EventKind.FuelWarning && plan.StopsNeeded > 0) facts.Set(FactKey.FuelToAdd, Math.Round(plan.FuelToAdd, 1));
        return emit.TryRaise(kind, priority, in facts);
    }
}
