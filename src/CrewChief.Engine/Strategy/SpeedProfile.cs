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

    public SpeedProfile(int bins)
    {
        if (bins < 4) throw new ArgumentOutOfRangeException(nameof(bins), bins, "a speed profile needs at least four bins");
        _speed = new float[bins];
    }

    public ReadOnlySpan<float> Bins => _speed;
    public int LearnedBins { get; private set; }

    public void Reset()
    {
        Array.Clear(_speed);
        LearnedBins = 0;
    }

    public void Learn(float pct, float speed)
    {
        if (!(pct >= 0 && pct < 1) || !(speed > MinSpeed)) return;
        int bin = (int)(pct * _speed.Length);
        if (bin >= _speed.Length) bin = _speed.Length - 1;
        float old = _speed[bin];
        if (old == 0) { LearnedBins++; _speed[bin] = speed; }
        else _speed[bin] = old + Learning * (speed - old);
    }

    /// <summary>Seconds from <paramref name="fromPct"/> forward (wrapping at the line) to <paramref name="toPct"/>.</summary>
    public double SecondsBetween(double fromPct, double toPct, double trackLengthM, float fallbackSpeed) =>
        SecondsBetween(_speed, fromPct, toPct, trackLengthM, fallbackSpeed);

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
