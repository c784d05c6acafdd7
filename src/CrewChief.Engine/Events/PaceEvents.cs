namespace CrewChief.Events;

/// <summary>Lap-time calls at each completed lap: a personal best, and the pace trend turning clearly up or down.</summary>
internal sealed class PaceEvents : IEventDetector
{
    private const double TrendThreshold = 0.25;
    private const int TrendLaps = 4;

    private bool _pbPending, _trendPending;

    public void Reset() => _pbPending = _trendPending = false;

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        var pace = ctx.Strategy.Pace;
        if (ctx.Strategy.Laps.CompletedThisTick)
        {
            // A call not made by the next lap is stale: the next lap brings its own.
            _pbPending = pace.LastWasPersonalBest;
            _trendPending = pace.WindowLaps >= TrendLaps && Math.Abs(pace.Trend) >= TrendThreshold;
        }
        if (_pbPending)
        {
            var facts = new FactSet();
            facts.Set(FactKey.LapTime, pace.LastLap);
            facts.Set(FactKey.BestLapTime, pace.PersonalBest);
            facts.Set(FactKey.Lap, ctx.Strategy.Laps.LastLap.Lap);
            if (emit.TryRaise(EventKind.PersonalBest, in facts)) _pbPending = false;
        }
        if (_trendPending)
        {
            double trend = pace.Trend;
            var facts = new FactSet();
            facts.Set(FactKey.PaceTrend, Math.Round(trend, 3));
            facts.Set(FactKey.LapTime, pace.LastLap);
            facts.Set(FactKey.DeltaToBest, Math.Round(pace.DeltaToBest, 3));
            facts.Set(FactKey.BestLapTime, pace.BestLap);
            if (emit.TryRaise(trend > 0 ? EventKind.PaceDropping : EventKind.PaceImproving, in facts)) _trendPending = false;
        }
    }
}
