namespace CrewChief.Events;

/// <summary>
/// Says once, early in a session, that the strategy starts from earlier sessions' figures (the session database):
/// fuel per lap and the pit-lane loss until this session measures its own, and the personal best to beat. Each
/// number is a fact, so a figure the database does not hold is never spoken; stale after lap 2, it is dropped.
/// </summary>
internal sealed class HistoryEvents : IEventDetector
{
    private const int LastLapToSay = 2;

    private Strategy.StrategyPriors? _announced;
    private bool _pending;

    public void Reset() => _pending = false;

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        var s = ctx.Strategy;
        if (!ReferenceEquals(s.Priors, _announced))
        {
            _announced = s.Priors;
            _pending = s.Priors is not null;
        }
        if (!_pending || !ctx.InWorld) return;
        if (s.Laps.CurrentLap > LastLapToSay) { _pending = false; return; }
        var p = s.Priors!;
        var facts = new FactSet();
        // Only figures this session has not measured yet: once a clean lap or a stop exists, its own number rules.
        if (p.FuelPerLap > 0 && !s.Fuel.HasMeasuredLaps) facts.Set(FactKey.FuelPerLap, p.FuelPerLap);
        if (p.PitLaneLoss > 0 && s.Rejoin.StopsLearned == 0) facts.Set(FactKey.PitLaneLoss, p.PitLaneLoss);
        if (p.PersonalBest > 0) facts.Set(FactKey.BestLapTime, p.PersonalBest);
        facts.Set(FactKey.SessionsAgo, p.SessionsAgo);
        if (emit.TryRaise(EventKind.HistoryPriors, in facts)) _pending = false;
    }
}
