using CrewChief.Telemetry;

namespace CrewChief.Strategy;

/// <summary>
/// When each car passed each of <see cref="PerLap"/> timing points round the lap, for the last few laps: the gap
/// between two cars as a timing screen measures it (the time between their crossings of the same point), not an
/// estimate from the distance between them now. A distance gap is worth a lap-time fraction only at race pace;
/// behind a safety car, on an out-lap or through a slow sector it is several times off, and between a replayed
/// race's timing lines the distance is an interpolation the gap at the lines does not support.
/// <para>
/// A crossing between two samples is placed in time by linear interpolation between them. A car that moves
/// backwards (iRacing's lap count and lap distance do not turn over in the same sample at the line; a tow puts a
/// car in its box) or jumps is re-synchronised without recording, so no crossing time is ever invented.
/// Allocation-free after construction.
/// </para>
/// </summary>
public sealed class TimingPoints
{
    /// <summary>Points round the lap (every 2 % of it).</summary>
    public const int PerLap = 50;
    /// <summary>Laps of crossings kept per car: enough for the cars a battle or a traffic call is about.</summary>
    private const int LapsKept = 4;
    private const int Slots = PerLap * LapsKept;
    /// <summary>Most of a lap a car can cover between two samples; more is a jump (reset, tow), not driving.</summary>
    private const double MaxStep = 0.1;
    /// <summary>Longest gap between samples still interpolated across, s.</summary>
    private const double MaxSampleGap = 2.5;

    // The tick thread sleeps between frames, so every cache line touched per tick is a miss: a crossing keeps its
    // time and point together (one line for both), and each car's state sits in one entry.
    private readonly Crossing[] _crossings = new Crossing[TelemetryFrame.MaxCars * Slots];
    private readonly CarState[] _cars = new CarState[TelemetryFrame.MaxCars];
    private bool _empty;

    private struct Crossing
    {
        public double Time;
        public int Point;
    }

    private struct CarState
    {
        public double Progress;
        public double Time;
        public int Point;
    }

    public TimingPoints() => Clear();

    public void Clear()
    {
        if (_empty) return;
        Array.Fill(_crossings, new Crossing { Time = double.NaN, Point = -1 });
        Array.Fill(_cars, new CarState { Progress = double.NaN, Time = double.NaN, Point = -1 });
        _empty = true;
    }

    /// <summary>A car's race progress (laps completed + lap fraction) at session time <paramref name="time"/>.</summary>
    public void Record(int car, double progress, double time)
    {
        _empty = false;
        ref var state = ref _cars[car];
        double prev = state.Progress, prevTime = state.Time;
        if (double.IsNaN(prev) || time < prevTime || time - prevTime > MaxSampleGap || progress - prev > MaxStep)
        {
            // First sight, a new session or a gap in the samples: start again from here, recording nothing.
            state.Progress = progress;
            state.Time = time;
            return;
        }
        if (progress < prev) return;   // a glitch at the line or a tow back: wait until it is past where it was
        int first = (int)Math.Floor(prev * PerLap) + 1, last = (int)Math.Floor(progress * PerLap);
        for (int p = Math.Max(first, 0); p <= last; p++)
        {
            ref var crossing = ref _crossings[car * Slots + p % Slots];
            crossing.Point = p;
            crossing.Time = prevTime + ((double)p / PerLap - prev) / (progress - prev) * (time - prevTime);
            state.Point = p;
        }
        state.Progress = progress;
        state.Time = time;
    }

    /// <summary>The last point the car crossed (laps × <see cref="PerLap"/> + point), or -1.</summary>
    public int LastPoint(int car) => _cars[car].Point;

    /// <summary>When the car crossed <paramref name="point"/>, if it is among the crossings kept.</summary>
    public bool TryGet(int car, int point, out double time)
    {
        time = double.NaN;
        if (point < 0) return false;
        ref readonly var crossing = ref _crossings[car * Slots + point % Slots];
        if (crossing.Point != point) return false;
        time = crossing.Time;
        return true;
    }

    /// <summary>
    /// Race-order gap, s, from the trailing car's last point: how long after the leading car it crossed it.
    /// NaN when either crossing is not known.
    /// </summary>
    public double Gap(int lead, int trail)
    {
        int p = _cars[trail].Point;
        if (!TryGet(trail, p, out double t) || !TryGet(lead, p, out double l) || l > t) return double.NaN;
        return t - l;
    }

    /// <summary>
    /// Gap on the road, s, to a car ahead on the road: how long ago it crossed the last point the trailing car
    /// crossed, on whichever lap. NaN when not known.
    /// </summary>
    public double RoadGap(int lead, int trail)
    {
        int p = _cars[trail].Point;
        if (!TryGet(trail, p, out double t)) return double.NaN;
        double best = double.NaN;
        int j = p % PerLap;
        for (int k = 0; k < LapsKept; k++)
        {
            ref readonly var crossing = ref _crossings[lead * Slots + k * PerLap + j];
            if (crossing.Point < 0 || crossing.Time > t) continue;
            double g = t - crossing.Time;
            if (!(g >= best)) best = g;
        }
        return best;
    }
}
