using System.Diagnostics;

namespace CrewChief.Pipeline;

/// <summary>
/// Latency samples of one stage or priority class. Exact percentiles over the first <see cref="ExactCapacity"/>
/// samples (a race produces a few hundred callouts), log-spaced buckets after that so a long session costs a
/// fixed amount of memory. Thread-safe for one writer and any readers.
/// </summary>
public sealed class LatencyHistogram
{
    public const int ExactCapacity = 8192;
    private const int SubBuckets = 16;              // per doubling: ~4% resolution
    private const int Octaves = 30;                 // 1 µs .. ~17 min

    private readonly double[] _exact = new double[ExactCapacity];
    private readonly long[] _buckets = new long[SubBuckets * Octaves];
    private long _count;
    private double _max;
    private readonly object _gate = new();

    public string Name { get; }

    public LatencyHistogram(string name) => Name = name;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Records the time from <paramref name="startTimestamp"/> to <paramref name="endTimestamp"/> (Stopwatch ticks).</summary>
    public void RecordSpan(long startTimestamp, long endTimestamp) =>
        Record((endTimestamp - startTimestamp) * 1000.0 / Stopwatch.Frequency);

    public void Record(double milliseconds)
    {
        if (double.IsNaN(milliseconds) || milliseconds < 0) return;
        lock (_gate)
        {
            if (_count < ExactCapacity) _exact[_count] = milliseconds;
            _buckets[BucketOf(milliseconds)]++;
            _count++;
            if (milliseconds > _max) _max = milliseconds;
        }
    }

    /// <summary>The p-th percentile (0..100) in milliseconds, or NaN with no samples.</summary>
    public double Percentile(double p)
    {
        lock (_gate)
        {
            if (_count == 0) return double.NaN;
            if (_count <= ExactCapacity)
            {
                var sorted = _exact.AsSpan(0, (int)_count).ToArray();
                Array.Sort(sorted);
                // Nearest-rank: the smallest value with at least p% of samples at or below it.
                int rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
                return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
            }
            long target = (long)Math.Ceiling(p / 100.0 * _count);
            long seen = 0;
            for (int i = 0; i < _buckets.Length; i++)
            {
                seen += _buckets[i];
                if (seen >= target) return Math.Min(UpperBound(i), _max);
            }
            return _max;
        }
    }

    public double Max { get { lock (_gate) return _count == 0 ? double.NaN : _max; } }

    private static int BucketOf(double ms)
    {
        double us = ms * 1000.0;
        if (us < 1) return 0;
        double log = Math.Log2(us) * SubBuckets;
        return Math.Min((int)log, SubBuckets * Octaves - 1);
    }

    private static double UpperBound(int bucket) => Math.Pow(2, (bucket + 1) / (double)SubBuckets) / 1000.0;
}
