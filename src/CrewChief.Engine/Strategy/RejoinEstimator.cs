namespace CrewChief.Strategy;

/// <summary>Where the player would come out if they stopped now.</summary>
public readonly record struct RejoinEstimate(int Position, double GapAhead, double GapBehind, double PitLaneLoss)
{
    public static readonly RejoinEstimate Unknown = new(0, double.NaN, double.NaN, double.NaN);
    public bool IsKnown => Position > 0;
}

/// <summary>
/// Time a stop costs (pit lane plus service, against a racing lap) learned from the car's own stops — in-lap plus
/// out-lap minus two racing laps — and, until one is seen, a default from the track length.
/// </summary>
public sealed class RejoinEstimator
{
    private double _learned = double.NaN;
    private double _inLapTime = double.NaN;

    public int StopsLearned { get; private set; }
    /// <summary>What the last measured stop cost, s (NaN before one).</summary>
    public double LastStopLoss { get; private set; } = double.NaN;

    /// <summary>Default loss, s: a typical pit lane costs ~15 s plus ~2 s per km of track (longer tracks, longer lanes).</summary>
    public static double DefaultLoss(double trackKm) => Math.Clamp(15 + 2 * (trackKm > 0 ? trackKm : 4), 15, 40);

    /// <summary>The loss measured in earlier sessions (the database), used until a stop of this session is; NaN: none.</summary>
    public double Prior { get; internal set; } = double.NaN;

    public double PitLaneLoss(double trackKm) => !double.IsNaN(_learned) ? _learned : Prior > 0 ? Prior : DefaultLoss(trackKm);

    internal void Reset()
    {
        _inLapTime = double.NaN;
    }

    /// <param name="racingLap">A clean racing lap time (rolling average), s.</param>
    internal void OnLap(in LapRecord lap, double racingLap)
    {
        if ((lap.Flags & LapFlags.Reset) != 0 || (lap.Flags & LapFlags.Partial) != 0 || !(racingLap > 0)) { _inLapTime = double.NaN; return; }
        if ((lap.Flags & LapFlags.InLap) != 0 && (lap.Flags & LapFlags.OutLap) == 0) { _inLapTime = lap.Duration; return; }
        if ((lap.Flags & LapFlags.OutLap) != 0 && !double.IsNaN(_inLapTime))
        {
            double loss = _inLapTime + lap.Duration - 2 * racingLap;
            if (loss > 0 && loss < 5 * racingLap)
            {
                LastStopLoss = loss;
                _learned = double.IsNaN(_learned) ? loss : 0.5 * (_learned + loss);
                StopsLearned++;
            }
        }
        _inLapTime = double.NaN;
    }

    /// <summary>
    /// Rejoin position and gaps from the gaps (s) to the cars behind in class, nearest first: every car closer
    /// than the loss passes the player while they are in the lane.
    /// </summary>
    /// <param name="gapAhead">Current gap to the car ahead, s (NaN if none).</param>
    public static RejoinEstimate Estimate(ReadOnlySpan<float> gapsBehind, int position, double gapAhead, double loss)
    {
        if (position <= 0 || !(loss > 0)) return RejoinEstimate.Unknown;
        int passed = 0;
        while (passed < gapsBehind.Length && gapsBehind[passed] < loss) passed++;
        double ahead = passed > 0 ? loss - gapsBehind[passed - 1] : gapAhead + loss;
        double behind = passed < gapsBehind.Length ? gapsBehind[passed] - loss : double.NaN;
        return new RejoinEstimate(position + passed, ahead, behind, loss);
    }
}
