using CrewChief.Telemetry;

namespace CrewChief.Events;

/// <summary>
/// A rival seen going into the pits: the car directly ahead or behind in class turning onto pit road
/// (CarIdxOnPitRoad's rising edge). An observation, not the pit model's prediction: said as a fact.
/// </summary>
internal sealed class RivalPitEvents : IEventDetector
{
    private readonly bool[] _onPit = new bool[TelemetryFrame.MaxCars];
    private readonly bool[] _seen = new bool[TelemetryFrame.MaxCars];
    /// <summary>The neighbours on the previous tick: the order can flip on the very tick a car slows for the lane.</summary>
    private int _ahead = -1, _behind = -1;

    public void Reset()
    {
        Array.Clear(_seen);
        _ahead = _behind = -1;
    }

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        var f = ctx.Frame;
        var gaps = ctx.Strategy.Gaps;
        if (!gaps.Available || !ctx.InWorld) { Array.Clear(_seen); return; }
        for (int i = 0; i < ctx.Strategy.CarSlots; i++)
        {
            bool inWorld = f.CarIdxTrackSurface[i] != TrackSurface.NotInWorld;
            bool pit = inWorld && f.CarIdxOnPitRoad[i];
            bool entered = _seen[i] && pit && !_onPit[i];
            _onPit[i] = pit;
            _seen[i] = inWorld;
            if (!entered || !ctx.IsRacing || ctx.Frame.OnPitRoad || ctx.Strategy.IsExcluded(i)) continue;
            // No gap with it: a car slowing for the lane is no longer where a racing gap would put it.
            if (i != _ahead && i != _behind) continue;
            var facts = new FactSet();
            ctx.AddCar(ref facts, i);
            int rivalPos = f.CarIdxClassPosition[i];
            if (rivalPos > 0) facts.Set(FactKey.RivalPosition, rivalPos);
            facts.Set(FactKey.Position, ctx.Position);
            emit.TryRaise(EventKind.RivalPitted, in facts);
        }
        _ahead = gaps.CarAheadIdx;
        _behind = gaps.CarBehindIdx;
    }
}
