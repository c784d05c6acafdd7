namespace CrewChief.Strategy;

/// <summary>
/// The player's speed around the lap, learned per lap-distance bin (bin i covers [i/N, (i+1)/N), its value sits at
/// the bin centre) from clean running only, so that time to a point on the lap can be integrated.
/// </summary>
public sealed class SpeedProfile
{
    /// <summary>Floor for integration so a stopped or unlearned bin cannot make time infinite.</summary>
    public const float MinSpeed = 5f;
    private const float Learning = 0.3f;

    private readonly float[] _speed;
    /// <summary>Seconds from the line to each bin centre (n + 1 entries: the last is a whole lap), rebuilt by
    /// <see cref="Rebuild"/> so the per-tick query is a lookup, not a 200-step integral.</summary>
    private readonly double[] _toCentre;
    private double _builtLength = double.NaN;
    private float _builtFallback = float.NaN;

    public SpeedProfile(int bins)
    {
        if (bins < 4) throw new ArgumentOutOfRangeException(nameof(bins), bins, "a speed profile needs at least four bins");
        _speed = new float[bins];
        _toCentre = new double[bins + 1];
    }

    public bool IsBuilt => !double.IsNaN(_builtLength);

    public ReadOnlySpan<float> Bins => _speed;
    public int LearnedBins { get; private set; }

    internal void Reset()
    {
        Array.Clear(_speed);
        LearnedBins = 0;
        _builtLength = double.NaN;
    }

    /// <summary>True when the lookup table is missing or was built for another length or fallback speed.</summary>
    public bool NeedsRebuild(double trackLengthM, float fallbackSpeed) =>
        double.IsNaN(_builtLength) || _builtLength != trackLengthM || Math.Abs(fallbackSpeed - _builtFallback) > 0.05f * _builtFallback;

    /// <summary>Re-integrates the lookup table from the learned bins; O(bins), once per lap is plenty.</summary>
    internal void Rebuild(double trackLengthM, float fallbackSpeed)
    {
        int n = _speed.Length;
        if (!(trackLengthM > 0)) { _builtLength = double.NaN; return; }
        double first = 0.5 / n;
        // Line to the first centre, going backwards from the line: the last centre's segment wraps over it.
        double wrapSegment = SecondsBetween(_speed, (n - 0.5) / n, first, trackLengthM, fallbackSpeed);
        double beforeLine = SecondsBetween(_speed, (n - 0.5) / n, 0, trackLengthM, fallbackSpeed);
        _toCentre[0] = wrapSegment - beforeLine;
        for (int i = 1; i < n; i++)
        {
            double v0 = Effective(_speed[i - 1], fallbackSpeed), v1 = Effective(_speed[i], fallbackSpeed);
            _toCentre[i] = _toCentre[i - 1] + trackLengthM / n * 0.5 * (1 / v0 + 1 / v1);
        }
        _toCentre[n] = _toCentre[n - 1] + wrapSegment; // one whole lap to the first centre again
        _builtLength = trackLengthM;
        _builtFallback = fallbackSpeed;
    }

    /// <summary>Seconds from the line to <paramref name="pct"/> on the built table (trapezoid on the partial segment).</summary>
    private double FromLine(double pct)
    {
        int n = _speed.Length;
        double pos = pct * n - 0.5;
        int i = (int)Math.Floor(pos);
        // Before the first centre: measure back from the first centre.
        int a = i < 0 ? n - 1 : i;
        double centre = (i + 0.5) / n;
        double baseTime = i < 0 ? _toCentre[0] - (_toCentre[n] - _toCentre[n - 1]) : _toCentre[i];
        double va = Effective(_speed[a], _builtFallback);
        double vx = SpeedAt(_speed, pct, _builtFallback);
        return baseTime + (pct - centre) * _builtLength * 0.5 * (1 / va + 1 / vx);
    }

    /// <summary>Lap time the profile implies, s (NaN before <see cref="Rebuild"/>).</summary>
    public double LapSeconds => IsBuilt ? _toCentre[_speed.Length] - _toCentre[0] : double.NaN;

    /// <summary>Seconds forward from one lap fraction to another on the built table; the integral when not built.</summary>
    public double SecondsBetween(double fromPct, double toPct, double trackLengthM, float fallbackSpeed)
    {
        if (!IsBuilt || _builtLength != trackLengthM) return SecondsBetween(_speed, fromPct, toPct, trackLengthM, fallbackSpeed);
        fromPct -= Math.Floor(fromPct);
        toPct -= Math.Floor(toPct);
        double t = FromLine(toPct) - FromLine(fromPct);
        if (toPct < fromPct) t += LapSeconds;
        return t;
    }

    private static float Effective(float v, float fallback)
    {
        float s = v > 0 ? v : fallback;
        return s < MinSpeed ? MinSpeed : s;
    }

    internal void Learn(float pct, float speed)
    {
        if (!(pct >= 0 && pct < 1) || !(speed > MinSpeed)) return;
        int bin = (int)(pct * _speed.Length);
        if (bin >= _speed.Length) bin = _speed.Length - 1;
        float old = _speed[bin];
        if (old == 0) { LearnedBins++; _speed[bin] = speed; }
        else _speed[bin] = old + Learning * (speed - old);
    }

    /// <summary>
    /// Trapezoidal integral of dt = ds / v(s) from one lap fraction forward to another. v is linear between bin
    /// centres; unlearned bins (0) take <paramref name="fallbackSpeed"/>.
    /// </summary>
    public static double SecondsBetween(ReadOnlySpan<float> bins, double fromPct, double toPct, double trackLengthM, float fallbackSpeed)
    {
        int n = bins.Length;
        if (n == 0 || !(trackLengthM > 0)) return double.NaN;
        fromPct -= Math.Floor(fromPct);
        toPct -= Math.Floor(toPct);
        if (toPct < fromPct) toPct += 1;
        double total = 0;
        double x = fromPct;
        double invV = 1.0 / SpeedAt(bins, x, fallbackSpeed);
        while (x < toPct)
        {
            // Next knot: the next bin centre after x, or the end.
            double next = (Math.Floor(x * n - 0.5 + 1e-12) + 1.5) / n;
            if (next <= x) next += 1.0 / n;
            if (next > toPct) next = toPct;
            double invNext = 1.0 / SpeedAt(bins, next, fallbackSpeed);
            total += (next - x) * trackLengthM * 0.5 * (invV + invNext);
            x = next;
            invV = invNext;
        }
        return total;
    }

    private static float SpeedAt(ReadOnlySpan<float> bins, double pct, float fallback)
    {
        int n = bins.Length;
        double p = pct - Math.Floor(pct);
        double pos = p * n - 0.5;
        int i0 = (int)Math.Floor(pos);
        double w = pos - i0;
        int a = ((i0 % n) + n) % n, b = (a + 1) % n;
        float va = bins[a] > 0 ? bins[a] : fallback;
        float vb = bins[b] > 0 ? bins[b] : fallback;
        float v = (float)(va + (vb - va) * w);
        return v < MinSpeed ? MinSpeed : v;
    }
}
