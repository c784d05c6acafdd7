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

    private readonly double[] _time = new double[TelemetryFrame.MaxCars * Slots];
    private readonly int[] _point = new int[TelemetryFrame.MaxCars * Slots];
    private readonly double[] _lastProgress = new double[TelemetryFrame.MaxCars];
    private readonly double[] _lastTime = new double[TelemetryFrame.MaxCars];
    private readonly int[] _lastPoint = new int[TelemetryFrame.MaxCars];
    private bool _empty;

    public TimingPoints() => Clear();

    public void Clear()
    {
        if (_empty) return;
        Array.Fill(_point, -1);
        Array.Fill(_lastProgress, double.NaN);
        Array.Fill(_lastTime, double.NaN);
        Array.Fill(_lastPoint, -1);
        _empty = true;
    }

    /// <summary>A car's race progress (laps completed + lap fraction) at session time <paramref name="time"/>.</summary>
    public void Record(int car, double progress, double time)
    {
        _empty = false;
        double prev = _lastProgress[car], prevTime = _lastTime[car];
        if (double.IsNaN(prev) || time < prevTime || time - prevTime > MaxSampleGap || progress - prev > MaxStep)
        {
            // First sight, a new session or a gap in the samples: start again from here, recording nothing.
            _lastProgress[car] = progress;
            _lastTime[car] = time;
            return;
        }
        if (progress < prev) return;   // a glitch at the line or a tow back: wait until it is past where it was
        int first = (int)Math.Floor(prev * PerLap) + 1, last = (int)Math.Floor(progress * PerLap);
        for (int p = Math.Max(first, 0); p <= last; p++)
        {
            double at = prevTime + ((double)p / PerLap - prev) / (progress - prev) * (time - prevTime);
            int slot = car * Slots + p % Slots;
            _point[slot] = p;
            _time[slot] = at;
            _lastPoint[car] = p;
        }
        _lastProgress[car] = progress;
        _lastTime[car] = time;
    }

    /// <summary>The last point the car crossed (laps × <see cref="PerLap"/> + point), or -1.</summary>
    public int LastPoint(int car) => _lastPoint[car];

    /// <summary>When the car crossed <paramref name="point"/>, if it is among the crossings kept.</summary>
    public bool TryGet(int car, int point, out double time)
    {
        time = double.NaN;
        if (point < 0) return false;
        int slot = car * Slots + point % Slots;
        if (_point[slot] != point) return false;
        time = _time[slot];
        return true;
    }

    /// <summary>
    /// Race-order gap, s, from the trailing car's last point: how long after the leading car it crossed it.
    /// NaN when either crossing is not known.
    /// </summary>
    public double Gap(int lead, int trail)
    {
        int p = _lastPoint[trail];
        if (!TryGet(trail, p, out double t) || !TryGet(lead, p, out double l) || l > t) return double.NaN;
        return t - l;
    }

    /// <summary>
    /// Gap on the road, s, to a car ahead on the road: how long ago it crossed the last point the trailing car
    /// crossed, on whichever lap. NaN when not known.
    /// </summary>
    public double RoadGap(int lead, int trail)
    {
        int p = _lastPoint[trail];
        if (!TryGet(trail, p, out double t)) return double.NaN;
        double best = double.NaN;
        int j = p % PerLap;
        for (int k = 0; k < LapsKept; k++)
        {
            int slot = lead * Slots + k * PerLap + j;
            if (_point[slot] < 0 || _time[slot] > t) continue;
            double g = t - _time[slot];
            if (!(g >= best)) best = g;
        }
        return best;
    }
}
