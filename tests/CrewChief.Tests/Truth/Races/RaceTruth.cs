namespace CrewChief.Tests.Truth.Races;

/// <summary>
/// A real race rebuilt from its timing file alone — the harness's own reader, sharing no code with the engine.
/// The order at any moment follows from laps completed and the line-crossing times; between crossings a car's
/// place round the lap is interpolated with its sector times (linearly where the file has none). A stop's
/// standing time is taken out of the out-lap's first sector, so a car in the stall does not creep round the lap.
/// </summary>
internal sealed class RaceTruth
{
    private readonly Dictionary<string, TruthCar> _byNumber;
    private readonly (double Time, string Flag)[] _crossings;

    public RaceTruth(string name, IReadOnlyList<TruthCar> cars, IReadOnlyDictionary<string, int>? grid = null,
        IReadOnlyList<PitVisit>? pitVisits = null, Func<double, bool>? localYellowAt = null, Func<TruthCar, double, double>? progressAt = null)
    {
        LocalYellowAt = localYellowAt;
        _progressAt = progressAt;
        Name = name;
        Cars = cars;
        _byNumber = cars.ToDictionary(c => c.Number, StringComparer.Ordinal);
        Grid = grid ?? new Dictionary<string, int>();
        Classes = cars.Select(c => c.Class).Distinct().ToArray();
        MultiClass = Classes.Count > 1;
        _crossings = cars.SelectMany(c => c.Laps.Select(l => (l.End, l.Flag))).OrderBy(x => x.End).ToArray();
        End = _crossings.Length > 0 ? _crossings[^1].Time : 0;

        // Where the sector lines lie, as a fraction of the lap: the field's median green-flag sector times.
        var green = cars.SelectMany(c => c.Laps).Where(l => l.Flag == "GF" && l.HasSectors && !l.EndsInPit && l.PitTime <= 0).ToArray();
        if (green.Length > 20)
        {
            double m1 = Median(green.Select(l => l.S1)), m2 = Median(green.Select(l => l.S2)), m3 = Median(green.Select(l => l.S3));
            double sum = m1 + m2 + m3;
            SectorEnds = [m1 / sum, (m1 + m2) / sum];
        }
        foreach (var c in cars)
        {
            var clean = c.Laps.Where(l => l.Flag == "GF" && !l.EndsInPit && l.PitTime <= 0).ToArray();
            _medianS1[c.Number] = clean.Any(l => l.HasSectors) ? Median(clean.Where(l => l.HasSectors).Select(l => l.S1)) : double.NaN;
            _medianS3[c.Number] = clean.Any(l => l.HasSectors) ? Median(clean.Where(l => l.HasSectors).Select(l => l.S3)) : double.NaN;
            _typicalLap[c.Number] = clean.Length > 0 ? Median(clean.Select(l => l.Duration)) : Median(c.Laps.Select(l => l.Duration).DefaultIfEmpty(100));
        }
        PitVisits = pitVisits ?? BuildPitVisits();
        Cautions = BuildCautions();
    }

    private readonly Func<TruthCar, double, double>? _progressAt;
    private readonly Dictionary<string, double> _medianS1 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _medianS3 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _typicalLap = new(StringComparer.Ordinal);

    public string Name { get; }
    public IReadOnlyList<TruthCar> Cars { get; }
    public IReadOnlyList<string> Classes { get; }
    public bool MultiClass { get; }
    /// <summary>Grid slot by car number where the file's summary has one.</summary>
    public IReadOnlyDictionary<string, int> Grid { get; }
    /// <summary>Race seconds of the last line crossing.</summary>
    public double End { get; }
    /// <summary>Fractions of the lap where sector 1 and sector 2 end (null: no sectors, linear).</summary>
    public double[]? SectorEnds { get; }
    public IReadOnlyList<PitVisit> PitVisits { get; }
    /// <summary>Where the source knows whether the pits were open (iRacing's PitsOpen), that; timing files do not (null).</summary>
    public Func<double, bool>? PitsOpenAt { get; init; }
        /// <summary>Where the source knows local yellows (the demo does; timing files do not), whether one was out at t.</summary>
    public Func<double, bool>? LocalYellowAt { get; }
    public IReadOnlyList<CautionPeriod> Cautions { get; }

    public TruthCar Car(string number) => _byNumber[number];
    public bool Has(string number) => _byNumber.ContainsKey(number);
    public double TypicalLap(string number) => _typicalLap[number];

    /// <summary>The car stopped before the end: its last crossing is not under the chequered flag.</summary>
    public static bool Retired(TruthCar car) => !car.Finished;

    /// <summary>Laps completed plus the fraction of the lap under way at race time <paramref name="t"/>.</summary>
    public double Progress(TruthCar car, double t)
    {
        // A source that knows where its cars are (the demo) says so; timing files are interpolated.
        if (_progressAt is not null) return _progressAt(car, t);
        int k = car.CompletedAt(t);
        if (k >= car.Laps.Count) return k; // finished or retired: frozen where it stopped timing
        var lap = car.Laps[k];
        double tau = t - lap.Start;
        if (tau <= 0) return k;
        double frac;
        bool outLap = k > 0 && car.Laps[k - 1].EndsInPit;
        if (lap.HasSectors && SectorEnds is { } ends)
        {
            double s1 = lap.S1;
            if (outLap)
            {
                // The stop sits in the out-lap's first sector: stationary at the line for the standing time.
                double med = _medianS1[car.Number];
                double stall = double.IsNaN(med) ? 0 : Math.Max(0, s1 - med);
                if (tau < stall) return k;
                tau -= stall;
                s1 -= stall;
            }
            if (tau < s1) frac = tau / s1 * ends[0];
            else if (tau < s1 + lap.S2) frac = ends[0] + (tau - s1) / lap.S2 * (ends[1] - ends[0]);
            else
            {
                // An in-lap's last sector carries the drive down the pit lane to the line (the pit visit above reads
                // its excess over the car's usual sector as lane time): on the road at its usual pace, then in the
                // lane by the line; not the whole sector slowed by the lane's time.
                double s3 = lap.S3;
                double med3 = _medianS3[car.Number];
                if (lap.EndsInPit && double.IsFinite(med3) && med3 > 0) s3 = Math.Min(s3, med3);
                frac = ends[1] + Math.Min(1, (tau - s1 - lap.S2) / s3) * (1 - ends[1]);
            }
        }
        else frac = tau / lap.Duration;
        return k + Math.Clamp(frac, 0, 0.9999);
    }

    /// <summary>
    /// How far round the lap the timing allows the car to be at <paramref name="t"/>, as a range around
    /// <see cref="Progress"/>. A file only knows when a car crossed each line; between two lines it knows how long
    /// the car took, not where it lost the time beyond its usual pace (a lock-up, traffic, the pit lane, a slow zone).
    /// That time, <see cref="SlackAt"/>, could have gone at the start of the stretch (the car is as far back as it can
    /// be) or at its end (as far on): the range. Near-zero on a clean lap with sector lines; wide on an in-lap, an
    /// out-lap, a lap with a problem and between finish lines alone. A source that knows its cars' places (the demo)
    /// has no range.
    /// </summary>
    public (double Lo, double Hi) ProgressRange(TruthCar car, double t)
    {
        double central = Progress(car, t);
        if (_progressAt is null && !car.Finished && car.Laps.Count > 0 && t > car.LastCrossing)
        {
            // It never crossed a line again: it stopped somewhere on the lap after its last crossing (the harness
            // holds it at the line), after running on for however long it did.
            double lap = UsualSegments(car)[3];
            double on = double.IsFinite(lap) ? Math.Min(0.999, (t - car.LastCrossing) / lap) : 0;
            return (central, car.Laps.Count + on);
        }
        if (_progressAt is not null || !Stretch(car, t, out double tA, out double pA, out double tB, out double pB, out double usual))
            return (central, central);
        double slack = Math.Max(0, tB - tA - usual);
        double lo = pA + Math.Clamp((t - tA - slack) / usual, 0, 1) * (pB - pA);
        double hi = pA + Math.Clamp((t - tA) / usual, 0, 1) * (pB - pA);
        return (Math.Min(lo, central), Math.Max(hi, central));
    }

    /// <summary>
    /// Seconds the car took over the stretch between the timing lines around <paramref name="t"/> beyond its usual
    /// time for it (its 10th-percentile clean green time): time lost somewhere the file cannot place. 0 outside
    /// the timed laps and for a source that knows its cars' places.
    /// </summary>
    public double SlackAt(TruthCar car, double t) =>
        _progressAt is null && Stretch(car, t, out double tA, out _, out double tB, out _, out double usual) ? Math.Max(0, tB - tA - usual) : 0;

    /// <summary>The two known lines around t (time, progress) and the car's usual time between them.</summary>
    private bool Stretch(TruthCar car, double t, out double tA, out double pA, out double tB, out double pB, out double usual)
    {
        tA = pA = tB = pB = usual = 0;
        var lines = car.TimingLines;
        int a = car.LineAt(t), b = a + 1;
        while (b < lines.Length && double.IsNaN(lines[b])) b++;
        if (b >= lines.Length) return false;
        tA = a == 0 ? 0 : lines[a];
        tB = lines[b];
        pA = LineProgress(a);
        pB = LineProgress(b);
        usual = UsualTime(car, a, b);
        return double.IsFinite(pA) && double.IsFinite(pB) && usual > 0 && tB > tA;
    }

    /// <summary>Progress (laps) at timing line i: 3k+1 and 3k+2 the splits of lap k+1, 3k+3 its finish line.</summary>
    private double LineProgress(int i)
    {
        if (i == 0) return 0;
        int k = (i - 1) / 3, r = (i - 1) % 3;
        if (r == 2) return k + 1;
        return SectorEnds is { } ends ? k + ends[r] : double.NaN;
    }

    /// <summary>The car's usual time from line a to line b: a whole lap's, or the sum of the sectors between.</summary>
    private double UsualTime(TruthCar car, int a, int b)
    {
        var usual = UsualSegments(car);
        if (a % 3 == 0 && b == a + 3 && double.IsFinite(usual[3])) return usual[3];
        double sum = 0;
        for (int i = a + 1; i <= b; i++) sum += usual[(i - 1) % 3];
        return double.IsFinite(sum) ? sum : double.NaN;
    }

    private readonly Dictionary<string, double[]> _usualSegments = new(StringComparer.Ordinal);

    /// <summary>S1, S2, S3 and the lap, each the car's 10th-percentile time on clean green laps (NaN when it has none).</summary>
    private double[] UsualSegments(TruthCar car)
    {
        if (_usualSegments.TryGetValue(car.Number, out var u)) return u;
        var clean = car.Laps.Skip(1).Where(l => l.Flag == "GF" && !l.EndsInPit && l.PitTime <= 0).ToArray();
        var sectored = clean.Where(l => l.HasSectors).ToArray();
        u = [Low(sectored.Select(l => l.S1)), Low(sectored.Select(l => l.S2)), Low(sectored.Select(l => l.S3)), Low(clean.Select(l => l.Duration))];
        _usualSegments[car.Number] = u;
        return u;

        static double Low(IEnumerable<double> values)
        {
            var a = values.Where(double.IsFinite).OrderBy(v => v).ToArray();
            return a.Length < 3 ? double.NaN : a[a.Length / 10];
        }
    }

    /// <summary>
    /// Every car ordered by race progress at <paramref name="t"/>. A car that has stopped timing (finished or
    /// retired) keeps its place by laps and crossing time, as the classification does: it stays ahead of a car on
    /// the same lap count that crossed the line after it, until that car crosses again.
    /// </summary>
    public List<Standing> OrderAt(double t)
    {
        var running = new List<Standing>(Cars.Count);
        var frozen = new List<Standing>();
        foreach (var c in Cars)
        {
            int k = c.CompletedAt(t);
            double last = k > 0 ? c.Laps[k - 1].End : 0;
            var s = new Standing(c, Progress(c, t), last, Grid.TryGetValue(c.Number, out int g) ? g : 999);
            (k >= c.Laps.Count && k > 0 ? frozen : running).Add(s);
        }
        running.Sort((a, b) =>
        {
            int byProgress = b.Progress.CompareTo(a.Progress);
            if (byProgress != 0) return byProgress;
            int byCross = a.LastCrossing.CompareTo(b.LastCrossing);
            return byCross != 0 ? byCross : a.GridSlot.CompareTo(b.GridSlot);
        });
        frozen.Sort((a, b) => b.Progress != a.Progress ? b.Progress.CompareTo(a.Progress) : a.LastCrossing.CompareTo(b.LastCrossing));
        var list = running;
        int from = 0;
        foreach (var f in frozen)
        {
            int i = from;
            while (i < list.Count && (Math.Floor(list[i].Progress) > f.Progress
                   || (Math.Floor(list[i].Progress) == f.Progress && list[i].LastCrossing < f.LastCrossing))) i++;
            list.Insert(i, f);
            from = i + 1;
        }
        return list;
    }

    public int PositionAt(string number, double t) => OrderAt(t).FindIndex(s => s.Car.Number == number) + 1;

    public int ClassPositionAt(string number, double t)
    {
        var me = Car(number);
        int pos = 0;
        foreach (var s in OrderAt(t))
        {
            if (s.Car.Class != me.Class) continue;
            pos++;
            if (s.Car == me) return pos;
        }
        return 0;
    }

    /// <summary>
    /// The official order at <paramref name="t"/>, as timing screens and iRacing's CarIdxPosition score it: laps
    /// completed, then the earlier crossing of the last one (the grid before the first).
    /// </summary>
    public List<Standing> OfficialOrderAt(double t)
    {
        var list = new List<Standing>(Cars.Count);
        foreach (var c in Cars)
        {
            int k = c.CompletedAt(t);
            list.Add(new Standing(c, k, k > 0 ? c.Laps[k - 1].End : 0, Grid.TryGetValue(c.Number, out int g) ? g : 999));
        }
        list.Sort((a, b) => a.Progress != b.Progress ? b.Progress.CompareTo(a.Progress)
            : a.LastCrossing != b.LastCrossing ? a.LastCrossing.CompareTo(b.LastCrossing) : a.GridSlot.CompareTo(b.GridSlot));
        return list;
    }

    /// <summary>Position of a car in <paramref name="order"/>, counting only its class when <paramref name="inClass"/>.</summary>
    public static int PositionIn(List<Standing> order, TruthCar car, bool inClass)
    {
        int pos = 0;
        foreach (var s in order)
        {
            if (inClass && s.Car.Class != car.Class) continue;
            pos++;
            if (s.Car == car) return pos;
        }
        return 0;
    }

    /// <summary>Time between two cars' crossings of the line at the end of lap <paramref name="lap"/> (+ when b crossed after a), NaN if either has none.</summary>
    public static double GapAtLine(TruthCar a, TruthCar b, int lap)
    {
        if (lap < 1 || lap > a.Laps.Count || lap > b.Laps.Count) return double.NaN;
        return b.Laps[lap - 1].End - a.Laps[lap - 1].End;
    }

    /// <summary>The flag in force at <paramref name="t"/>: the flag shown at the most recent line crossing by any car.
    /// Before the first crossing, the flag of that crossing: a race started behind the safety car shows SF there.</summary>
    public string FlagAt(double t)
    {
        int lo = 0, hi = _crossings.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (_crossings[mid].Time <= t) lo = mid + 1; else hi = mid;
        }
        if (lo == 0) return _crossings.Length > 0 && _crossings[0].Flag is not ("FF" or "RF") ? _crossings[0].Flag : "GF";
        return _crossings[lo - 1].Flag;
    }

    /// <summary>The car was in the pit lane at some moment in [from, to].</summary>
    public PitVisit? PitVisitOverlapping(TruthCar car, double from, double to)
    {
        foreach (var v in PitVisits)
            if (v.Car == car && v.In <= to && v.Out >= from) return v;
        return null;
    }

    private List<PitVisit> BuildPitVisits()
    {
        var visits = new List<PitVisit>();
        foreach (var c in Cars)
        {
            for (int i = 0; i < c.Laps.Count; i++)
            {
                var lap = c.Laps[i];
                if (!lap.EndsInPit) continue;
                double pitTime = i + 1 < c.Laps.Count ? c.Laps[i + 1].PitTime : 0;
                if (pitTime > 0)
                {
                    // The lane straddles the line: the in-lap's last sector carries the run down the lane to it.
                    double lead = 0;
                    if (lap.HasSectors)
                    {
                        var clean = c.Laps.Where(l => l.HasSectors && l.Flag == "GF" && !l.EndsInPit && l.PitTime <= 0).Select(l => l.S3).ToArray();
                        if (clean.Length > 0) lead = Math.Clamp(lap.S3 - Median(clean), 0, pitTime);
                    }
                    visits.Add(new PitVisit(c, lap.Number, lap.End - lead, lap.End - lead + pitTime, true));
                }
                else
                {
                    // No lane time (iRacing 'pitted', or a car that never came out): somewhere on that lap.
                    double outAt = i + 1 < c.Laps.Count ? c.Laps[i + 1].End : lap.End + 60;
                    visits.Add(new PitVisit(c, lap.Number, lap.Start, Math.Min(outAt, lap.End + 120), false));
                }
            }
        }
        return visits;
    }

    /// <summary>Neutralised periods (FCY, SF, RF) from the flags at the line: a period runs from the last green
    /// crossing before its first caution crossing (it started somewhere in between) to the first green after.</summary>
    private List<CautionPeriod> BuildCautions()
    {
        var list = new List<CautionPeriod>();
        string state = "GF";
        double lastGreen = 0;
        CautionPeriod? open = null;
        foreach (var (time, flag) in _crossings)
        {
            if (flag == "FF") break;
            if (flag == "GF")
            {
                if (open is not null) { list.Add(open with { FirstGreenAfter = time }); open = null; }
                lastGreen = time;
                state = "GF";
                continue;
            }
            if (open is null) { open = new CautionPeriod(flag, lastGreen, time, double.NaN, time); }
            else if (flag != state) { list.Add(open with { FirstGreenAfter = time }); open = new CautionPeriod(flag, open.LastCrossing, time, double.NaN, time); }
            open = open with { LastCrossing = time };
            state = flag;
        }
        if (open is not null) list.Add(open with { FirstGreenAfter = End });
        return list;
    }

    private static double Median(IEnumerable<double> values)
    {
        var a = values.Where(double.IsFinite).OrderBy(v => v).ToArray();
        return a.Length == 0 ? double.NaN : a[a.Length / 2];
    }
}

internal readonly record struct Standing(TruthCar Car, double Progress, double LastCrossing, int GridSlot);

/// <summary>A stay in the pit lane; <see cref="Measured"/> when the file gives the lane time (WEC PIT_TIME).</summary>
internal sealed record PitVisit(TruthCar Car, int InLap, double In, double Out, bool Measured);

/// <summary>A neutralisation: <see cref="Flag"/> FCY, SF or RF; it began after <see cref="LastGreenBefore"/> and by
/// <see cref="FirstCrossing"/>, ended after <see cref="LastCrossing"/> and by <see cref="FirstGreenAfter"/>.</summary>
internal sealed record CautionPeriod(string Flag, double LastGreenBefore, double FirstCrossing, double FirstGreenAfter, double LastCrossing);
