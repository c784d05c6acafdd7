namespace CrewChief.Strategy;

/// <summary>
/// Lap-time bookkeeping: last, session best, personal best (kept across sessions), a rolling average over clean
/// laps and its trend (least-squares slope, s/lap, + slower).
/// </summary>
public sealed class PaceTracker
{
    /// <summary>Laps slower than this fraction of the best are not the driver's pace (the 107 % rule of thumb).</summary>
    public const double Representative = 1.07;

    /// <summary>Improvements smaller than this are timing noise (iRacing times laps to the millisecond), not a best.</summary>
    private const double BestMargin = 0.005;

    private readonly double[] _window;
    private int _next;
    private int _count;

    public PaceTracker(int window)
    {
        if (window < 2) throw new ArgumentOutOfRangeException(nameof(window), window, "the pace window needs at least two laps");
        _window = new double[window];
    }

    public double LastLap { get; private set; } = double.NaN;
    /// <summary>Best lap of this session, s.</summary>
    public double BestLap { get; private set; } = double.NaN;
    /// <summary>Best lap this engine has seen in any session, s.</summary>
    public double PersonalBest { get; private set; } = double.NaN;
    /// <summary>The last lap beat the previous personal best (and there was one to beat).</summary>
    public bool LastWasPersonalBest { get; private set; }
    public int WindowLaps => _count;
    /// <summary>The last lap went into the trend window (clean, and within <see cref="Representative"/> of the best).</summary>
    public bool LastLapInWindow { get; private set; }
    public double DeltaToBest => LastLap - BestLap;

    // Both figures change only when a lap enters the window, and are read several times a tick: worked out then.
    public double RollingAverage { get; private set; } = double.NaN;

    /// <summary>Slope of lap time over the window in s/lap; NaN under three laps.</summary>
    public double Trend { get; private set; } = double.NaN;

    private void WindowChanged()
    {
        RollingAverage = Average();
        Trend = Slope();
    }

    private double Average()
    {
        if (_count == 0) return double.NaN;
        double sum = 0;
        for (int i = 0; i < _count; i++) sum += _window[i];
        return sum / _count;
    }

    private double Slope()
    {
        if (_count < 3) return double.NaN;
        // Oldest first: when the ring is full the oldest sits at _next.
        int start = _count == _window.Length ? _next : 0;
        double n = _count, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < _count; i++)
        {
            double y = _window[(start + i) % _window.Length];
            sx += i; sy += y; sxx += (double)i * i; sxy += i * y;
        }
        double denom = n * sxx - sx * sx;
        return denom == 0 ? 0 : (n * sxy - sx * sy) / denom;
    }

    /// <summary>
    /// The sim's own session best (LapBestLapTime) overrides the best timed here from line crossings, which can
    /// miss laps driven before the engine started listening.
    /// </summary>
    internal void UseSimBest(double best)
    {
        if (!(best > 0)) return;
        BestLap = best;
        if (double.IsNaN(PersonalBest) || best < PersonalBest) PersonalBest = best;
    }

    /// <summary>The sim's own time of the last lap (LapLastLapTime), once it publishes it after the line.</summary>
    internal void UseSimLastLap(double time)
    {
        if (time > 0) LastLap = time;
    }

    /// <summary>Clears the session; the personal best survives.</summary>
    /// <summary>A best lap from an earlier session: the personal best to beat, across sessions.</summary>
    internal void OfferPersonalBest(double lapTime)
    {
        if (lapTime > 0 && (double.IsNaN(PersonalBest) || lapTime < PersonalBest)) PersonalBest = lapTime;
    }

    internal void ResetSession()
    {
        _next = 0;
        _count = 0;
        WindowChanged();
        LastLap = BestLap = double.NaN;
        LastWasPersonalBest = LastLapInWindow = false;
    }

    internal void OnLap(in LapRecord lap)
    {
        LastWasPersonalBest = false;
        LastLapInWindow = false;
        if ((lap.Flags & LapFlags.Partial) != 0 || (lap.Flags & LapFlags.Reset) != 0 || !(lap.Duration > 0)) return;
        LastLap = lap.Duration;
        if (!lap.IsClean) return;
        if (double.IsNaN(BestLap) || lap.Duration < BestLap) BestLap = lap.Duration;
        if (double.IsNaN(PersonalBest) || lap.Duration < PersonalBest)
        {
            LastWasPersonalBest = !double.IsNaN(PersonalBest) && lap.Duration < PersonalBest - BestMargin;
            PersonalBest = lap.Duration;
        }
        // A lap far off the best (a slow zone, a spin, traffic, a problem) says nothing about the pace: one 5:32 lap
        // among 4:05s at Le Mans tipped the trend to "improving" and was then called "Good lap, that's the pace".
        if (lap.Duration > BestLap * Representative) return;
        LastLapInWindow = true;
        _window[_next] = lap.Duration;
        _next = (_next + 1) % _window.Length;
        if (_count < _window.Length) _count++;
        WindowChanged();
    }
}
