using CrewChief.Telemetry;

namespace CrewChief.Events;

/// <summary>
/// The spotter, from CarLeftRight. An overlap is called the tick it appears; "clear" waits a short delay so a
/// flickering overlap does not stutter; a continuing overlap is repeated as "still there". Every call carries the
/// spotter priority and a short life, and a newer spotter call supersedes any older one still queued downstream.
/// </summary>
internal sealed class SpotterCalls(BrainOptions options) : IEventDetector
{
    private readonly double _clearDelay = options.SpotterClearDelaySeconds;
    private readonly double _repeat = options.SpotterRepeatSeconds;

    /// <summary>The overlap last announced, or Clear when none is.</summary>
    private CarLeftRight _announced = CarLeftRight.Clear;
    private double _announcedAt;
    /// <summary>When the sim first said clear after an announced overlap (NaN when not waiting).</summary>
    private double _clearSince = double.NaN;

    public void Reset()
    {
        _announced = CarLeftRight.Clear;
        _clearSince = double.NaN;
    }

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        if (!ctx.Has(TelemetryChannels.CarLeftRight) || !ctx.InWorld || ctx.Frame.OnPitRoad)
        {
            Reset();
            return;
        }
        var now = ctx.Frame.CarLeftRight;
        double t = ctx.Time;
        if (now == CarLeftRight.Off) { Reset(); return; }

        if (now == CarLeftRight.Clear)
        {
            if (_announced == CarLeftRight.Clear) return;
            if (double.IsNaN(_clearSince)) _clearSince = t;
            if (t - _clearSince + 1e-9 >= _clearDelay && Raise(emit, EventKind.SpotterClear, now))
            {
                _announced = CarLeftRight.Clear;
                _clearSince = double.NaN;
            }
            return;
        }

        _clearSince = double.NaN;
        if (now != _announced)
        {
            if (Raise(emit, KindOf(now), now)) { _announced = now; _announcedAt = t; }
        }
        else if (t - _announcedAt + 1e-9 >= _repeat && Raise(emit, EventKind.SpotterStillThere, now))
        {
            _announcedAt = t;
        }
    }

    private static bool Raise(EventEmitter emit, EventKind kind, CarLeftRight state)
    {
        var facts = new FactSet();
        var (left, right) = state switch
        {
            CarLeftRight.CarLeft => (1, 0),
            CarLeftRight.CarRight => (0, 1),
            CarLeftRight.CarLeftRight => (1, 1),
            CarLeftRight.TwoCarsLeft => (2, 0),
            CarLeftRight.TwoCarsRight => (0, 2),
            _ => (0, 0),
        };
        facts.Set(FactKey.CarsLeft, left);
        facts.Set(FactKey.CarsRight, right);
        return emit.TryRaise(kind, in facts);
    }

    private static EventKind KindOf(CarLeftRight state) => state switch
    {
        CarLeftRight.CarLeft => EventKind.SpotterCarLeft,
        CarLeftRight.CarRight => EventKind.SpotterCarRight,
        CarLeftRight.CarLeftRight => EventKind.SpotterThreeWide,
        CarLeftRight.TwoCarsLeft => EventKind.SpotterTwoCarsLeft,
        _ => EventKind.SpotterTwoCarsRight,
    };
}
