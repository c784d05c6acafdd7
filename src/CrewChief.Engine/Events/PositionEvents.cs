using CrewChief.Telemetry;

namespace CrewChief.Events;

/// <summary>
/// Position gained or lost, batched: changes are reported once the order has been quiet for a moment, and the
/// whole lap-1 shuffle becomes one call at the end of the first lap, and a pit stop's one call after pit exit.
/// The call carries the whole count (P5 → P11 is six places, never "a place"), and how many of the places gained
/// came from the cars around pitting — those are no move of the driver's and are not praised as one. Nor is a change
/// made behind a safety car, a full-course yellow or a red flag (stops, retirements, the order re-set at a restart):
/// it carries <see cref="FactKey.Neutralised"/>, and its words say to hold station, never "good move" or "go again".
/// </summary>
internal sealed class PositionEvents(BrainOptions options) : IEventDetector
{
    /// <summary>A car the player went past within this long of it being on pit road was passed in its stop.</summary>
    private const double PitGraceSeconds = 5.0;

    private readonly double _settle = options.PositionSettleSeconds;

    /// <summary>The position last reported (or first seen); 0 before any.</summary>
    private int _reported;
    private int _current;
    private double _lastChange;

    /// <summary>Per car: ahead of the player in class on the last tick, and when it was last seen on pit road.</summary>
    private readonly bool[] _ahead = new bool[TelemetryFrame.MaxCars];
    private readonly bool[] _known = new bool[TelemetryFrame.MaxCars];
    private readonly double[] _lastOnPitRoad = new double[TelemetryFrame.MaxCars];
    /// <summary>Cars passed (net) since the last report while they were in their stop.</summary>
    private int _passedInStops;
    /// <summary>The unreported change was (at least partly) made under a neutralisation.</summary>
    private bool _changedNeutralised;

    public void Reset()
    {
        _reported = _current = 0;
        _passedInStops = 0;
        Array.Clear(_known);
        Array.Fill(_lastOnPitRoad, double.NegativeInfinity);
    }

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        if (!ctx.InWorld) return;
        WatchPitCycle(ctx);
        int pos = ctx.Position;
        if (pos <= 0) return;
        if (_reported == 0 || !ctx.IsRacing)
        {
            _reported = _current = pos;
            _passedInStops = 0;
            _changedNeutralised = false;
            return;
        }
        if (pos != _current)
        {
            _current = pos;
            _lastChange = ctx.Time;
        }
        if (_current == _reported) { _changedNeutralised = false; return; }
        if (ctx.Has(TelemetryChannels.SessionFlags) && (ctx.Frame.SessionFlags & Strategy.LapRecorder.NeutralisedMask) != 0) _changedNeutralised = true;
        // Lap 1: hold everything until the lap is done, then one call for the net change.
        if (ctx.Strategy.Laps.LapsCompleted < 1) return;
        // Likewise a stop: the places lost in the lane are one call after pit exit, not one per car going by.
        if (ctx.Strategy.Laps.OnPitRoad) return;
        if (ctx.Time - _lastChange < _settle) return;

        int changed = _reported - _current;
        var facts = new FactSet();
        facts.Set(FactKey.Position, _current);
        facts.Set(FactKey.PreviousPosition, _reported);
        facts.Set(FactKey.PositionsChanged, changed);
        facts.Set(FactKey.Lap, ctx.Strategy.Laps.CurrentLap);
        if (changed > 0 && _passedInStops > 0) facts.Set(FactKey.PlacesFromPits, Math.Min(changed, _passedInStops));
        if (_changedNeutralised) facts.Set(FactKey.Neutralised, 1);
        if (emit.TryRaise(changed > 0 ? EventKind.PositionGained : EventKind.PositionLost, in facts))
        {
            _reported = _current;
            _passedInStops = 0;
            _changedNeutralised = false;
        }
    }

    /// <summary>
    /// Follows which in-class cars are ahead on race progress. One that drops behind while it is (or just was) on
    /// pit road was passed in its stop; one that comes back past the player undoes that.
    /// </summary>
    private void WatchPitCycle(in TickContext ctx)
    {
        var f = ctx.Frame;
        int me = ctx.Strategy.PlayerCarIdx;
        if ((f.Available & TelemetryChannels.CarIdx) == 0 || (uint)me >= TelemetryFrame.MaxCars) return;
        int myClass = f.CarIdxClass[me];
        float mine = f.CarIdxLapCompleted[me] + f.CarIdxLapDistPct[me];
        bool playerInLane = f.OnPitRoad || f.CarIdxOnPitRoad[me];
        for (int i = 0; i < ctx.Strategy.CarSlots; i++)
        {
            if (i == me || ctx.Strategy.IsExcluded(i) || f.CarIdxTrackSurface[i] == TrackSurface.NotInWorld
                || f.CarIdxLapDistPct[i] < 0 || f.CarIdxClass[i] != myClass)
            {
                _known[i] = false;
                continue;
            }
            if (f.CarIdxOnPitRoad[i]) _lastOnPitRoad[i] = ctx.Time;
            bool ahead = f.CarIdxLapCompleted[i] + f.CarIdxLapDistPct[i] > mine;
            if (_known[i] && ahead != _ahead[i] && !playerInLane)
            {
                bool inStop = ctx.Time - _lastOnPitRoad[i] <= PitGraceSeconds;
                if (!ahead && inStop) _passedInStops++;
                else if (ahead && inStop && _passedInStops > 0) _passedInStops--;
            }
            _ahead[i] = ahead;
            _known[i] = true;
        }
    }
}
