using CrewChief.Telemetry;

namespace CrewChief.Strategy;

/// <summary>
/// Who is around the player and how far, from the CarIdx arrays (live map only; .ibt files have none, so every
/// figure stays NaN/-1 there). Race order is progress on the road (laps completed + lap fraction) within the
/// player's class; time gaps come from CarIdxEstTime (the sim's own time-to-here), checked against distance.
/// </summary>
public sealed class GapTracker
{
    private const int Samples = 10;
    private const double SampleEvery = 1.0;

    // Everything kept per car sits in one entry: the tick thread sleeps between frames, so each separate array
    // read per tick is another run of cache misses.
    private readonly CarOnRoad[] _cars = new CarOnRoad[TelemetryFrame.MaxCars];
    /// <summary>Time gaps (s) to each in-class car behind in race order, nearest first, for the rejoin estimate.</summary>
    private readonly float[] _gapsBehind = new float[TelemetryFrame.MaxCars];
    private readonly int[] _gapsBehindCar = new int[TelemetryFrame.MaxCars];
    private int _gapsBehindCount;
    private readonly TimingPoints _points = new();
    private MeasuredGap _measuredAhead = MeasuredGap.None, _measuredBehind = MeasuredGap.None;
    /// <summary>
    /// How far (laps) a car that left the pit lane is still rejoining: up to speed on cold tyres, its gap to the
    /// cars around it still made of the stop. Where it is in that stretch is the least measured part of a race (a
    /// timing screen has it only at the next line), so no battle or traffic call is made about it there.
    /// </summary>
    public const double RejoinLaps = 0.25;
    private double _lastSessionTime = double.NaN;
    private int _lastSessionNum = -1;
    private readonly ClosingRate _aheadRate = new(Samples);
    private readonly ClosingRate _behindRate = new(Samples);
    private double _nextSample;

    public bool Available { get; private set; }
    public int ClassPosition { get; private set; }
    public int CarAheadIdx { get; private set; } = -1;
    public int CarBehindIdx { get; private set; } = -1;
    public double GapAhead { get; private set; } = double.NaN;
    /// <summary><see cref="GapAhead"/> is measured (both cars' crossings of the same timing point), not estimated from the distance.</summary>
    public bool GapAheadMeasured { get; private set; }
    /// <summary><see cref="GapBehind"/> is measured, not estimated.</summary>
    public bool GapBehindMeasured { get; private set; }
    public double GapBehind { get; private set; } = double.NaN;
    /// <summary>s/lap, + when the player is catching the car ahead.</summary>
    public double ClosingAhead => _aheadRate.Rate;
    /// <summary>s/lap, + when the car behind is catching the player.</summary>
    public double ClosingBehind => _behindRate.Rate;
    /// <summary>Time to the nearest car ahead on the road that is not of a faster class (dirty air), s.</summary>
    public double NearestAheadOnTrack { get; private set; } = double.NaN;
    /// <summary>A car at least a lap down within range ahead on the road (traffic to pass), or -1.</summary>
    public int LappedCarAheadIdx { get; private set; } = -1;
    public double LappedCarAheadGap { get; private set; } = double.NaN;
    /// <summary>A car at least a lap up within range behind on the road (about to lap the player), or -1.</summary>
    public int LappingCarBehindIdx { get; private set; } = -1;
    public double LappingCarBehindGap { get; private set; } = double.NaN;
    /// <summary>The nearest car of a faster class behind on the road within range (multi-class), or -1.</summary>
    public int FasterClassBehindIdx { get; private set; } = -1;
    public double FasterClassBehindGap { get; private set; } = double.NaN;
    /// <summary>Cars of more than one class are running.</summary>
    public bool MultiClass { get; private set; }

    public ReadOnlySpan<float> GapsBehind => _gapsBehind.AsSpan(0, _gapsBehindCount);
    /// <summary>The CarIdx of each entry of <see cref="GapsBehind"/>.</summary>
    public ReadOnlySpan<int> GapsBehindCars => _gapsBehindCar.AsSpan(0, _gapsBehindCount);

    public GapTracker() => ForgetPitLane();

    internal void Reset()
    {
        Available = false;
        Clear();
    }

    private void Clear()
    {
        CarAheadIdx = CarBehindIdx = LappedCarAheadIdx = LappingCarBehindIdx = FasterClassBehindIdx = -1;
        GapAheadMeasured = GapBehindMeasured = false;
        GapAhead = GapBehind = NearestAheadOnTrack = LappedCarAheadGap = LappingCarBehindGap = FasterClassBehindGap = double.NaN;
        MultiClass = false;
        _gapsBehindCount = 0;
        ClassPosition = 0;
        _aheadRate.Clear(-1);
        _behindRate.Clear(-1);
        ClearPoints();
        _lastSessionTime = double.NaN;
        ForgetPitLane();
    }

    /// <param name="excluded">Cars never to count (pace car, spectators), indexed by CarIdx.</param>
    /// <param name="refLapTime">Expected lap time, s, to turn lap fractions into seconds.</param>
    /// <param name="trafficRange">s on the road within which lapped/lapping cars count.</param>
    /// <param name="classLapTime">Each car's class lap-time estimate from the session info, s (0 when unknown).</param>
    /// <param name="fasterClassRange">s on the road within which a faster-class car behind is called.</param>
    /// <param name="carSlots">Slots to look at (<see cref="RaceStrategy.CarSlots"/>); the rest never held a car.</param>
    internal void Update(TelemetryFrame f, ReadOnlySpan<bool> excluded, int playerIdx, double refLapTime, double trafficRange,
        ReadOnlySpan<float> classLapTime = default, double fasterClassRange = 3.0, int carSlots = TelemetryFrame.MaxCars)
    {
        carSlots = Math.Min(carSlots, TelemetryFrame.MaxCars);
        Available = (f.Available & TelemetryChannels.CarIdx) != 0 && (uint)playerIdx < TelemetryFrame.MaxCars && refLapTime > 0;
        if (!Available) { Clear(); return; }

        StartTiming(f);
        Record(f, excluded, playerIdx);
        int myClass = f.CarIdxClass[playerIdx];
        float myProgress = f.CarIdxLapCompleted[playerIdx] + f.CarIdxLapDistPct[playerIdx];
        float myEst = f.CarIdxEstTime[playerIdx];
        int ahead = -1, behind = -1;
        float aheadD = float.MaxValue, behindD = float.MaxValue;
        int carsAheadInClass = 0;
        double nearestAhead = double.MaxValue;
        int lapped = -1, lapping = -1, faster = -1;
        double lappedGap = double.MaxValue, lappingGap = double.MaxValue, fasterGap = double.MaxValue;
        bool multiClass = false;
        _gapsBehindCount = 0;
        bool playerRejoining = Rejoining(playerIdx);

        for (int i = 0; i < carSlots; i++)
        {
            if (i == playerIdx) { _cars[i].Valid = false; continue; }
            Record(f, excluded, i);
            ref var car = ref _cars[i];
            bool ok = !excluded[i] && f.CarIdxTrackSurface[i] != TrackSurface.NotInWorld && f.CarIdxLapDistPct[i] >= 0;
            car.Valid = ok;
            if (!ok) continue;
            float progress = f.CarIdxLapCompleted[i] + f.CarIdxLapDistPct[i];
            car.Progress = progress;
            float d = progress - myProgress;
            bool sameClass = f.CarIdxClass[i] == myClass;
            if (!sameClass) multiClass = true;
            if (sameClass)
            {
                if (d > 0) { carsAheadInClass++; if (d < aheadD) { aheadD = d; ahead = i; } }
                else if (-d < behindD) { behindD = -d; behind = i; }
            }
            // Rejoining(i), with this tick's entry at hand.
            if (f.CarIdxOnPitRoad[i] || playerRejoining || f.CarIdxLapCompleted[i] + (double)f.CarIdxLapDistPct[i] - car.LeftPitAt < RejoinLaps) continue;

            // On the road (lap count ignored): how far ahead/behind within the lap.
            float road = f.CarIdxLapDistPct[i] - f.CarIdxLapDistPct[playerIdx];
            if (road < -0.5f) road += 1f; else if (road > 0.5f) road -= 1f;
            int trail = road >= 0 ? playerIdx : i;
            double roadGap = TimeGap(MathF.Abs(road), road >= 0 ? f.CarIdxEstTime[i] : myEst, road >= 0 ? myEst : f.CarIdxEstTime[i], refLapTime,
                EstLap(classLapTime, trail), sameClass);
            if (road > 0)
            {
                // A faster-class car that has just come by pulls away at its own pace: a few seconds in its wake is
                // no dirty air to manage (at Le Mans every passing prototype made a "dirty air", then "clean air").
                bool passingThrough = !sameClass && IsFasterClass(f, i, playerIdx, classLapTime);
                if (roadGap < nearestAhead && !passingThrough) nearestAhead = roadGap;
                if (d < -0.5f && roadGap <= trafficRange && roadGap < lappedGap) { lapped = i; lappedGap = roadGap; }
            }
            else if (road < 0)
            {
                // A faster class comes by all race long: that is its own call, not "lapping you" (which is the
                // player's own class lapping them, the call that matters for the class result).
                if (!sameClass && IsFasterClass(f, i, playerIdx, classLapTime))
                {
                    if (roadGap <= fasterClassRange && roadGap < fasterGap) { faster = i; fasterGap = roadGap; }
                }
                else if (d > 0.5f && roadGap <= trafficRange && roadGap < lappingGap) { lapping = i; lappingGap = roadGap; }
            }
        }

        // In-class gaps behind, nearest first (insertion sort: the field is small and this stays allocation-free).
        // A car in the pit lane is not on the road the player would rejoin: it comes out behind its own stop, so it
        // never passes the player during theirs (counting it put the rejoin many places too low).
        for (int i = 0; i < carSlots; i++)
        {
            ref readonly var car = ref _cars[i];
            if (!car.Valid || f.CarIdxClass[i] != myClass || f.CarIdxOnPitRoad[i]) continue;
            float d = myProgress - car.Progress;
            if (d < 0) continue;
            float g = (float)TimeGap(d, myEst, f.CarIdxEstTime[i], refLapTime, EstLap(classLapTime, i));
            int j = _gapsBehindCount++;
            while (j > 0 && _gapsBehind[j - 1] > g) { _gapsBehind[j] = _gapsBehind[j - 1]; _gapsBehindCar[j] = _gapsBehindCar[j - 1]; j--; }
            _gapsBehind[j] = g;
            _gapsBehindCar[j] = i;
        }

        int official = (f.Available & TelemetryChannels.Position) != 0 ? f.PlayerCarClassPosition : 0;
        ClassPosition = official > 0 ? official : carsAheadInClass + 1;
        CarAheadIdx = ahead;
        CarBehindIdx = behind;
        double myLap = EstLap(classLapTime, playerIdx);
        double measuredAhead = ahead >= 0 ? Measured(ref _measuredAhead, ahead, playerIdx) : double.NaN;
        double measuredBehind = behind >= 0 ? Measured(ref _measuredBehind, playerIdx, behind) : double.NaN;
        GapAheadMeasured = !double.IsNaN(measuredAhead);
        GapBehindMeasured = !double.IsNaN(measuredBehind);
        GapAhead = ahead >= 0 ? MeasuredOr(measuredAhead, f, ahead, playerIdx, aheadD, refLapTime, myLap) : double.NaN;
        GapBehind = behind >= 0 ? MeasuredOr(measuredBehind, f, playerIdx, behind, behindD, refLapTime, myLap) : double.NaN;
        NearestAheadOnTrack = nearestAhead == double.MaxValue ? double.NaN : nearestAhead;
        LappedCarAheadIdx = lapped;
        LappedCarAheadGap = lapped >= 0 ? lappedGap : double.NaN;
        LappingCarBehindIdx = lapping;
        LappingCarBehindGap = lapping >= 0 ? lappingGap : double.NaN;
        FasterClassBehindIdx = faster;
        FasterClassBehindGap = faster >= 0 ? fasterGap : double.NaN;
        MultiClass = multiClass;

        if (f.SessionTime >= _nextSample || f.SessionTime + SampleEvery * 2 < _nextSample)
        {
            _nextSample = f.SessionTime + SampleEvery;
            _aheadRate.Add(ahead, f.SessionTime, GapAhead, refLapTime);
            _behindRate.Add(behind, f.SessionTime, GapBehind, refLapTime);
        }
    }

    /// <summary>A new session (or time going back) starts the timing afresh.</summary>
    private void StartTiming(TelemetryFrame f)
    {
        if (f.SessionNum != _lastSessionNum || f.SessionTime < _lastSessionTime)
        {
            ClearPoints();
            ForgetPitLane();
        }
        _lastSessionNum = f.SessionNum;
        _lastSessionTime = f.SessionTime;
        _frame = f;
    }

    /// <summary>One car's crossings of the timing points and its pit-lane exit.</summary>
    private void Record(TelemetryFrame f, ReadOnlySpan<bool> excluded, int i)
    {
        if (excluded[i] || f.CarIdxTrackSurface[i] == TrackSurface.NotInWorld || f.CarIdxLapDistPct[i] < 0 || f.CarIdxLapCompleted[i] < -1) return;
        double progress = f.CarIdxLapCompleted[i] + (double)f.CarIdxLapDistPct[i];
        _points.Record(i, progress, f.SessionTime);
        ref var car = ref _cars[i];
        bool onPitRoad = f.CarIdxOnPitRoad[i];
        if (onPitRoad || car.WasOnPitRoad) car.LeftPitAt = progress;
        car.WasOnPitRoad = onPitRoad;
    }

    private void ForgetPitLane()
    {
        for (int i = 0; i < _cars.Length; i++)
        {
            _cars[i].LeftPitAt = double.NegativeInfinity;
            _cars[i].WasOnPitRoad = false;
        }
    }

    private struct CarOnRoad
    {
        /// <summary>Race progress (laps) at which the car last left the pit lane (-∞ when not seen to).</summary>
        public double LeftPitAt;
        /// <summary>Race progress this tick (laps completed + lap fraction); meaningful where <see cref="Valid"/>.</summary>
        public float Progress;
        /// <summary>Counted this tick: not the player, not excluded, in the world.</summary>
        public bool Valid;
        public bool WasOnPitRoad;
    }

    private TelemetryFrame? _frame;

    private void ClearPoints()
    {
        _points.Clear();
        _measuredAhead = _measuredBehind = MeasuredGap.None;
    }

    /// <summary>
    /// The measured gap between two cars changes only when one of them crosses a timing point (every 2 % of a lap):
    /// between crossings the last answer stands, and the crossing store (200 KB, out of the cache by the next tick)
    /// is not read.
    /// </summary>
    private double Measured(ref MeasuredGap last, int lead, int trail)
    {
        int leadPoint = _points.LastPoint(lead), trailPoint = _points.LastPoint(trail);
        if (last.Lead != lead || last.Trail != trail || last.LeadPoint != leadPoint || last.TrailPoint != trailPoint)
            last = new MeasuredGap(lead, trail, leadPoint, trailPoint, _points.Gap(lead, trail));
        return last.Seconds;
    }

    private readonly record struct MeasuredGap(int Lead, int Trail, int LeadPoint, int TrailPoint, double Seconds)
    {
        public static readonly MeasuredGap None = new(-1, -1, -1, -1, double.NaN);
    }

    /// <summary>The car is in the pit lane or left it less than <see cref="RejoinLaps"/> ago.</summary>
    public bool Rejoining(int idx)
    {
        if ((uint)idx >= TelemetryFrame.MaxCars || _frame is not { } f) return false;
        if (f.CarIdxOnPitRoad[idx]) return true;
        double progress = f.CarIdxLapCompleted[idx] + (double)f.CarIdxLapDistPct[idx];
        return progress - _cars[idx].LeftPitAt < RejoinLaps;
    }

    /// <summary>
    /// The race-order gap as timing measures it (between the two cars' crossings of the same point); the estimate
    /// from the distance only before both have a crossing in common (the first metres of a session).
    /// </summary>
    private static double MeasuredOr(double measured, TelemetryFrame f, int lead, int trail, double laps, double refLapTime, double estLap) =>
        double.IsNaN(measured) ? RaceGap(f, lead, trail, laps, refLapTime, estLap) : measured;

    /// <summary>
    /// Car <paramref name="other"/>'s class is clearly faster than the player's: by the session's class lap estimates
    /// when it has them, else by the two cars' best laps (classes that share a track differ by 5 % or more).
    /// </summary>
    private static bool IsFasterClass(TelemetryFrame f, int other, int player, ReadOnlySpan<float> classLapTime)
    {
        const float Margin = 0.97f;
        if ((uint)other < (uint)classLapTime.Length && (uint)player < (uint)classLapTime.Length
            && classLapTime[other] > 0 && classLapTime[player] > 0)
            return classLapTime[other] < classLapTime[player] * Margin;
        float theirs = f.CarIdxBestLapTime[other], mine = f.CarIdxBestLapTime[player];
        return theirs > 0 && mine > 0 && theirs < mine * Margin;
    }

    /// <summary>
    /// Race-order gap between two cars: EstTime and distance when the sim fills EstTime, else the difference of
    /// their F2Time (race time behind the leader, refreshed at timing lines) when both have one.
    /// </summary>
    private static double EstLap(ReadOnlySpan<float> classLapTime, int idx) => (uint)idx < (uint)classLapTime.Length ? classLapTime[idx] : 0;

    private static double RaceGap(TelemetryFrame f, int lead, int trail, double laps, double refLapTime, double estLap)
    {
        float leadEst = f.CarIdxEstTime[lead], trailEst = f.CarIdxEstTime[trail];
        if (leadEst <= 0 && trailEst <= 0)
        {
            float f2 = f.CarIdxF2Time[trail] - f.CarIdxF2Time[lead];
            if (f.CarIdxF2Time[trail] > 0 && f2 > 0) return f2;
        }
        return TimeGap(laps, leadEst, trailEst, refLapTime, estLap);
    }

    /// <summary>
    /// Seconds between a leading and a trailing car <paramref name="laps"/> apart on the road. Whole laps count a
    /// lap time each; the fraction uses the sim's EstTime difference when it agrees with the distance (it wraps at
    /// the line and is zero where the sim does not fill it).
    /// </summary>
    /// <param name="estLap">The lap EstTime counts in (the class's estimated lap, from the session info): where the
    /// lead's EstTime wraps at the line, and what a lap fraction is worth. 0 when unknown: the reference lap.</param>
    /// <param name="sameScale">Both EstTimes count in the same lap (same class); across classes only the distance
    /// means anything, taken at the trailing car's pace (how long it needs to get there).</param>
    public static double TimeGap(double laps, float leadEst, float trailEst, double refLapTime, double estLap = 0, bool sameScale = true)
    {
        if (laps < 0) laps = 0;
        double whole = Math.Floor(laps);
        double frac = laps - whole;
        double period = estLap > 0 ? estLap : refLapTime;
        double byDistance = frac * period;
        double fracTime = byDistance;
        if (sameScale && (leadEst > 0 || trailEst > 0))
        {
            double est = leadEst - trailEst;
            // Across the line the lead's EstTime has wrapped, by the lap EstTime counts in: the class estimate
            // when known, else at least the trailing car's EstTime (our reference lap can be shorter).
            if (est < 0) est += estLap > 0 ? estLap : Math.Max(refLapTime, trailEst);
            if (Math.Abs(est - byDistance) < 0.25 * period) fracTime = est;
        }
        return whole * refLapTime + fracTime;
    }

    /// <summary>Gap samples for one opponent; the rate resets when the opponent changes.</summary>
    private sealed class ClosingRate(int capacity)
    {
        /// <summary>Gap change per second beyond which samples are not one rate: 0.25 s/s is 25 s a lap on a 100 s lap.</summary>
        private const double MaxGapStepPerSecond = 0.25;

        private readonly double[] _time = new double[capacity];
        private readonly double[] _gap = new double[capacity];
        private int _next, _count, _car = -1;

        public double Rate { get; private set; } = double.NaN;

        public void Clear(int car)
        {
            _next = _count = 0;
            _car = car;
            Rate = double.NaN;
        }

        public void Add(int car, double time, double gap, double refLapTime)
        {
            if (car != _car || double.IsNaN(gap)) Clear(car);
            if (car < 0 || double.IsNaN(gap)) return;
            if (_count > 0)
            {
                // A gap that moves faster than any two racing cars separate is a new measurement (the gap switched
                // from the distance estimate to a timing point's, a car slowed into the pit lane), not a rate: "you're
                // taking 79 s a lap" came from such a step. Start again from here.
                int last = (_next - 1 + _time.Length) % _time.Length;
                double dt = time - _time[last];
                if (dt > 0 && Math.Abs(gap - _gap[last]) > MaxGapStepPerSecond * dt) Clear(car);
            }
            _time[_next] = time;
            _gap[_next] = gap;
            _next = (_next + 1) % _time.Length;
            if (_count < _time.Length) _count++;
            int oldest = _count == _time.Length ? _next : 0;
            int newest = (_next - 1 + _time.Length) % _time.Length;
            double span = _time[newest] - _time[oldest];
            Rate = span >= 3 ? (_gap[oldest] - _gap[newest]) / span * refLapTime : double.NaN;
        }
    }
}
