namespace CrewChief.Events;

/// <summary>
/// Position gained or lost, batched: changes are reported once the order has been quiet for a moment, and the
/// whole lap-1 shuffle becomes one call at the end of the first lap.
/// </summary>
internal sealed class PositionEvents(BrainOptions options) : IEventDetector
{
    private readonly double _settle = options.PositionSettleSeconds;

    /// <summary>The position last reported (or first seen); 0 before any.</summary>
    private int _reported;
    private int _current;
    private double _lastChange;

    public void Reset() => _reported = _current = 0;

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        if (!ctx.InWorld) return;
        int pos = ctx.Position;
        if (pos <= 0) return;
        if (_reported == 0 || !ctx.IsRacing)
        {
            _reported = _current = pos;
            return;
        }
        if (pos != _current)
        {
            _current = pos;
            _lastChange = ctx.Time;
        }
        if (_current == _reported) return;
        // Lap 1: hold everything until the lap is done, then one call for the net change.
        if (ctx.Strategy.Laps.LapsCompleted < 1) return;
        if (ctx.Time - _lastChange < _settle) return;

        var facts = new FactSet();
        facts.Set(FactKey.Position, _current);
        facts.Set(FactKey.PreviousPosition, _reported);
        facts.Set(FactKey.PositionsChanged, _reported - _current);
        facts.Set(FactKey.Lap, ctx.Strategy.Laps.CurrentLap);
        if (emit.TryRaise(_current < _reported ? EventKind.PositionGained : EventKind.PositionLost, in facts))
            _reported = _current;
    }
}
