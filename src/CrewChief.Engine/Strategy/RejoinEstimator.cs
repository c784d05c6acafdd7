namespace CrewChief.Strategy;

/// <summary>
/// Where the player would come out if they stopped now. <see cref="Best"/>..<see cref="Worst"/> is the range the
/// spread of the measured stops and the cars that may stop in the same laps leave open (0: no range measured).
/// </summary>
public readonly record struct RejoinEstimate(int Position, double GapAhead, double GapBehind, double PitLaneLoss, int Best = 0, int Worst = 0)
{
    public static readonly RejoinEstimate Unknown = new(0, double.NaN, double.NaN, double.NaN);
    public bool IsKnown => Position > 0;
    public bool HasRange => Best > 0 && Worst >= Best;
}

/// <summary>
/// Time a stop costs (pit lane plus service, against a racing lap) learned from the car's own stops — in-lap plus
/// out-lap minus two racing laps — else measured on the other cars' stops (time on pit road against the time the
/// same stretch takes at racing pace), and, until one is seen, a default from the track length.
/// </summary>
public sealed class RejoinEstimator
{
    private const int RivalSamples = 16;

    private double _learned = double.NaN;
    private double _inLapTime = double.NaN;
    private bool _inLapYellow;
    /// <summary>Per car: session time and lap fraction where it entered pit road (NaN when not in the lane).</summary>
    private readonly double[] _rivalIn = new double[Telemetry.TelemetryFrame.MaxCars];
    private readonly float[] _rivalInPct = new float[Telemetry.TelemetryFrame.MaxCars];
    private readonly bool[] _rivalSeen = new bool[Telemetry.TelemetryFrame.MaxCars];
    /// <summary>Per car: seconds of the current lane visit spent in its pit stall (being serviced).</summary>
    private readonly double[] _rivalStill = new double[Telemetry.TelemetryFrame.MaxCars];
    private readonly double[] _rivalLoss = new double[RivalSamples];
    private readonly double[] _sorted = new double[RivalSamples];
    private readonly double[] _driveLoss = new double[RivalSamples];
    private readonly double[] _driveSorted = new double[RivalSamples];
    private int _rivalCount, _rivalNext, _driveCount, _driveNext;
    private double _rivalMedian = double.NaN;
    private double _lastObserved = double.NaN;
    /// <summary>Per car: race progress (laps + fraction) at the last field-pace sample, and whether it was on the road.</summary>
    private readonly float[] _paceProgress = new float[Telemetry.TelemetryFrame.MaxCars];
    private readonly bool[] _paceOnRoad = new bool[Telemetry.TelemetryFrame.MaxCars];
    private readonly double[] _paceRates = new double[Telemetry.TelemetryFrame.MaxCars];
    private double _paceSampledAt = double.NaN;
    private const double PaceSampleSeconds = 3;

    public int StopsLearned { get; private set; }
    /// <summary>The player's stops measured, green or not (each gets a pit_stop record).</summary>
    public int StopsMeasured { get; private set; }
    /// <summary>Whether the last measured stop was under a yellow or a safety car (then it was not learned).</summary>
    public bool LastStopUnderYellow { get; private set; }
    /// <summary>What the last measured stop cost, s (NaN before one).</summary>
    public double LastStopLoss { get; private set; } = double.NaN;
    /// <summary>Other cars' stops measured so far.</summary>
    public int RivalStopsMeasured { get; private set; }

    /// <summary>Default loss, s: a typical pit lane costs ~15 s plus ~2 s per km of track (longer tracks, longer lanes).</summary>
    public static double DefaultLoss(double trackKm) => Math.Clamp(15 + 2 * (trackKm > 0 ? trackKm : 4), 15, 40);

    /// <summary>The loss measured in earlier sessions (the database), used until a stop of this session is; NaN: none.</summary>
    public double Prior { get; internal set; } = double.NaN;

    /// <summary>
    /// The median of the field's measured stops once there are a few (robust: one lap in traffic or behind a safety
    /// car does not move it), else the player's own measured loss, else the field's, else last session's, else the default.
    /// </summary>
    public double PitLaneLoss(double trackKm) =>
        _rivalCount >= 3 ? _rivalMedian : !double.IsNaN(_learned) ? _learned : !double.IsNaN(_rivalMedian) ? _rivalMedian
        : Prior > 0 ? Prior : DefaultLoss(trackKm);

    /// <summary>
    /// The quartiles of the field's measured stops (NaN until four are measured): how much one stop differs from
    /// the next — a driver change, fuel only, four tyres — which the timing of a stop not yet made cannot know.
    /// </summary>
    public double LossLow => _rivalCount >= 4 ? _sorted[_rivalCount / 4] : double.NaN;
    public double LossHigh => _rivalCount >= 4 ? _sorted[(3 * _rivalCount) / 4] : double.NaN;

    /// <summary>
    /// What the pit lane costs without the time standing in the box (lane time − time in the stall − the same
    /// stretch at racing pace), the median of the field's measured stops; NaN before one. Once the player's own
    /// service is done this is the part of the stop still to come, which is the same for every stop.
    /// </summary>
    public double DriveLoss => _driveCount > 0 ? _driveSorted[_driveCount / 2] : double.NaN;

    /// <summary>
    /// How fast the field is going round now against a racing lap (1 at racing pace, ~0.4 behind a safety car or
    /// a full-course yellow): the median of the cars on the road over the last few seconds. A stop costs lane
    /// time, fixed by the pit speed limit and the service; the cars behind cover the distance of their gap at the
    /// field's speed, so behind a slow field a stop costs only this fraction of its racing-pace loss in places.
    /// The timing's flag can lag the slow laps, so the field's own pace says it, not the flag.
    /// </summary>
    public double FieldPace { get; private set; } = 1;

    /// <summary>The loss comes from a measurement (own or other cars' stops), not the track-length default.</summary>
    public bool IsMeasured => !double.IsNaN(_learned) || !double.IsNaN(_rivalMedian);

    internal void Reset()
    {
        _inLapTime = double.NaN;
        Array.Clear(_rivalSeen);
        _rivalCount = _rivalNext = _driveCount = _driveNext = 0;
        _lastObserved = _paceSampledAt = double.NaN;
        FieldPace = 1;
        _rivalMedian = double.NaN;
        RivalStopsMeasured = 0;
    }

    /// <summary>
    /// Watches the other cars' pit-road visits: the loss of one stop is its time on pit road minus the time the same
    /// stretch of track takes at racing pace. A visit that began before the car was first seen is not measured.
    /// </summary>
    /// <param name="carSlots">Slots to look at (<see cref="RaceStrategy.CarSlots"/>); the rest never held a car.</param>
    internal void ObserveRivals(Telemetry.TelemetryFrame f, ReadOnlySpan<bool> excluded, int playerIdx, double refLapTime,
        int carSlots = Telemetry.TelemetryFrame.MaxCars)
    {
        if ((f.Available & Telemetry.TelemetryChannels.CarIdx) == 0 || !(refLapTime > 0)) return;
        double dt = double.IsNaN(_lastObserved) ? 0 : f.SessionTime - _lastObserved;
        if (dt is < 0 or > 1) dt = 0;
        _lastObserved = f.SessionTime;
        SampleFieldPace(f, excluded, refLapTime);
        for (int i = 0; i < Math.Min(carSlots, Telemetry.TelemetryFrame.MaxCars); i++)
        {
            if (i == playerIdx || excluded[i] || f.CarIdxTrackSurface[i] == Telemetry.TrackSurface.NotInWorld)
            {
                _rivalSeen[i] = false;
                continue;
            }
            bool pit = f.CarIdxOnPitRoad[i];
            if (!_rivalSeen[i])
            {
                _rivalSeen[i] = true;
                _rivalIn[i] = double.NaN;
                if (pit) _rivalIn[i] = double.NegativeInfinity; // already in the lane: its entry was not seen
                continue;
            }
            bool inLane = !double.IsNaN(_rivalIn[i]);
            if (pit && !inLane) { _rivalIn[i] = f.SessionTime; _rivalInPct[i] = f.CarIdxLapDistPct[i]; _rivalStill[i] = 0; }
            else if (pit && f.CarIdxTrackSurface[i] == Telemetry.TrackSurface.InPitStall) _rivalStill[i] += dt;
            else if (!pit && inLane)
            {
                double lane = f.SessionTime - _rivalIn[i];
                float span = f.CarIdxLapDistPct[i] - _rivalInPct[i];
                if (span < 0) span += 1;
                double loss = lane - span * refLapTime;
                _rivalIn[i] = double.NaN;
                // Drive-throughs and long repairs are not the stop the player would make; nor is a lane visit
                // that cannot be a stop at all.
                if (double.IsFinite(lane) && loss > 5 && loss < 2 * refLapTime)
                {
                    AddRival(loss);
                    // The lane without the service: only from a stop whose stall time was seen.
                    if (_rivalStill[i] >= 1 && loss - _rivalStill[i] > -refLapTime / 4) AddDrive(loss - _rivalStill[i]);
                }
            }
        }
    }

    private void AddRival(double loss)
    {
        _rivalLoss[_rivalNext] = loss;
        _rivalNext = (_rivalNext + 1) % RivalSamples;
        if (_rivalCount < RivalSamples) _rivalCount++;
        RivalStopsMeasured++;
        // Insertion sort into a scratch buffer: a median is robust to the odd long repair; allocation-free.
        for (int i = 0; i < _rivalCount; i++)
        {
            double v = _rivalLoss[i];
            int j = i;
            while (j > 0 && _sorted[j - 1] > v) { _sorted[j] = _sorted[j - 1]; j--; }
            _sorted[j] = v;
        }
        _rivalMedian = _sorted[_rivalCount / 2];
    }

    private void SampleFieldPace(Telemetry.TelemetryFrame f, ReadOnlySpan<bool> excluded, double refLapTime)
    {
        double since = f.SessionTime - _paceSampledAt;
        if (since < PaceSampleSeconds && since >= 0) return;
        bool usable = since <= 4 * PaceSampleSeconds;
        _paceSampledAt = f.SessionTime;
        int n = 0;
        for (int i = 0; i < Telemetry.TelemetryFrame.MaxCars; i++)
        {
            bool onRoad = !excluded[i] && !f.CarIdxOnPitRoad[i] && f.CarIdxTrackSurface[i] == Telemetry.TrackSurface.OnTrack && f.CarIdxLapDistPct[i] >= 0;
            float progress = f.CarIdxLapCompleted[i] + f.CarIdxLapDistPct[i];
            if (usable && onRoad && _paceOnRoad[i])
            {
                double laps = progress - _paceProgress[i];
                if (laps > 0 && laps < 0.5)
                {
                    // Insertion into a sorted scratch buffer: allocation-free, the field is small.
                    double rate = laps / since * refLapTime;
                    int j = n++;
                    while (j > 0 && _paceRates[j - 1] > rate) { _paceRates[j] = _paceRates[j - 1]; j--; }
                    _paceRates[j] = rate;
                }
            }
            _paceProgress[i] = progress;
            _paceOnRoad[i] = onRoad;
        }
        // A few cars are enough to say the field is slow; a field faster than the reference lap counts as racing pace.
        if (n >= 3) FieldPace = Math.Clamp(_paceRates[n / 2], 0.1, 1.0);
    }

    private void AddDrive(double loss)
    {
        _driveLoss[_driveNext] = loss;
        _driveNext = (_driveNext + 1) % RivalSamples;
        if (_driveCount < RivalSamples) _driveCount++;
        for (int i = 0; i < _driveCount; i++)
        {
            double v = _driveLoss[i];
            int j = i;
            while (j > 0 && _driveSorted[j - 1] > v) { _driveSorted[j] = _driveSorted[j - 1]; j--; }
            _driveSorted[j] = v;
        }
    }

    /// <param name="racingLap">A clean racing lap time (rolling average), s.</param>
    internal void OnLap(in LapRecord lap, double racingLap)
    {
        if ((lap.Flags & (LapFlags.Reset | LapFlags.Partial)) != 0 || !(racingLap > 0)) { _inLapTime = double.NaN; return; }
        bool yellow = (lap.Flags & LapFlags.Yellow) != 0;
        if ((lap.Flags & LapFlags.InLap) != 0 && (lap.Flags & LapFlags.OutLap) == 0)
        {
            _inLapTime = lap.Duration;
            _inLapYellow = yellow;
            return;
        }
        if ((lap.Flags & LapFlags.OutLap) != 0 && !double.IsNaN(_inLapTime))
        {
            double loss = _inLapTime + lap.Duration - 2 * racingLap;
            if (loss > 0 && loss < 5 * racingLap)
            {
                LastStopLoss = loss;
                LastStopUnderYellow = yellow || _inLapYellow;
                StopsMeasured++;
                // A stop under a yellow or a safety car says nothing about a green-flag stop: its in- and out-laps
                // are slow anyway. It is measured (the review shows it) but never learned.
                if (!LastStopUnderYellow)
                {
                    _learned = double.IsNaN(_learned) ? loss : 0.5 * (_learned + loss);
                    StopsLearned++;
                }
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
