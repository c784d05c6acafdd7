namespace CrewChief.Tests.Truth.Races;

internal enum ClaimKind { Position, PlaceCount, Gap, RivalPitted, Traffic, Caution, Green, Finish, LapsToGo }

/// <summary>
/// One claim an event made and whether the real race bears it out at that moment. <see cref="Undecided"/>: the
/// timing can neither confirm nor refute it — it fails where the harness puts the cars between two lines, but holds
/// for a place the timing equally allows (<see cref="RaceTruth.ProgressRange"/>). Counted apart, never as true.
/// </summary>
internal sealed record Verdict(ClaimKind Kind, string Event, double T, bool True, string Detail, bool Undecided = false)
{
    public override string ToString() => $"{(True ? "ok " : Undecided ? "?? " : "BAD")} {Kind,-11} {Event,-22} t={T,8:0.0}  {Detail}";
}

/// <summary>What one perspective's replay said, judged.</summary>
internal sealed class PerspectiveReport(string race, string car, string role)
{
    public string Race { get; } = race;
    public string Car { get; } = car;
    public string Role { get; } = role;
    public List<Verdict> Verdicts { get; } = [];
    /// <summary>
    /// Places between each rejoin place number spoken (once the service is done, or before the stop as a single
    /// place; a range counts by how far the real place fell outside it) and where the car really rejoined.
    /// </summary>
    public List<int> RejoinErrors { get; } = [];
    /// <summary>Of those, the ones said leaving the box (service done).</summary>
    public List<int> RejoinLeavingErrors { get; } = [];
    /// <summary>Of those, the ones said before the stop (a place, or a range).</summary>
    public List<int> RejoinBeforeErrors { get; } = [];
    /// <summary>Before the stop: spoken as a range, how wide (places) and whether the real place was in it.</summary>
    public List<(int Width, bool Hit)> RejoinRanges { get; } = [];
    /// <summary>Before the stop, said with no place number (the range too wide to be worth one).</summary>
    public int RejoinUnnumbered { get; set; }
    /// <summary>The engine's central estimate as it stood at pit entry (spoken or not), against the real place: the old figure.</summary>
    public List<int> RejoinCentralErrors { get; } = [];
    /// <summary>Each judged rejoin estimate: when, what was said, where the car came out, the flag (for the report).</summary>
    public List<string> RejoinDetails { get; } = [];
    public int CautionsTotal { get; set; }
    public int CautionsCalled { get; set; }
    public List<string> CautionMisses { get; } = [];
    public int GreensTotal { get; set; }
    public int GreensCalled { get; set; }
    /// <summary>null when the car did not take the flag.</summary>
    public bool? FinishCalled { get; set; }
    public int PitCyclePraised { get; set; }
    public double WallSeconds { get; set; }

    /// <summary>Claims the timing decides (true or false); <see cref="UndecidedClaims"/> are counted apart.</summary>
    public int Claims => Verdicts.Count(v => !v.Undecided);
    public int TrueClaims => Verdicts.Count(v => v.True);
    public int UndecidedClaims => Verdicts.Count(v => v.Undecided);
    public int PlaceCounts => Verdicts.Count(v => v.Kind == ClaimKind.PlaceCount);
    public int PlaceCountsRight => Verdicts.Count(v => v.Kind == ClaimKind.PlaceCount && v.True);
}

/// <summary>
/// Holds every race claim of a replay against the real race, computed by <see cref="RaceTruth"/> from the timing
/// file alone. A position is true when the car held it at that moment, by the official order (laps, then crossing
/// time: what a timing screen shows) or by the order on the road (interpolated between crossings), allowing for the
/// few seconds a call is held while the order settles. Gaps are judged at the line crossings either side of the
/// claim. Calls the timing cannot judge (the player's fuel and tyres: synthesised) are not counted. A gap or traffic
/// claim that fails where the harness puts the cars but holds somewhere the timing equally allows (the time a car lost
/// between two lines could have gone anywhere in the stretch) is undecided, reported apart and capped.
/// </summary>
internal sealed class RaceCallJudge(RaceTruth truth)
{
    private const double PositionLag = 6, PositionLead = 1;
    private const double GapTolerance = 0.5, GapToleranceFraction = 0.10;
    private const double RoadSlack = 2.0;
    private const double CautionCallWindow = 30, FinishCallWindow = 30;

    public PerspectiveReport Judge(ReplayedRace run, string role)
    {
        var me = truth.Car(run.Car);
        var report = new PerspectiveReport(truth.Name, run.Car, role) { WallSeconds = run.WallSeconds };
        double lastReportT = double.NaN;
        foreach (var e in run.Events)
        {
            if (e.Synthesised) continue;
            if (e.Has("position") && e.Kind is not ("PositionGained" or "PositionLost"))
                Add(report, ClaimKind.Position, e, HeldPositions(me, e.T - PositionLag, e.T + PositionLead), (int)e.Fact("position"));
            if (e.Kind is "LapsToGo" or "FinalLap" or "Halfway" && e.Has("lapsRemaining") && me.Finished)
            {
                // Laps to go as the driver counts them: the lap under way and every one after it to the car's own flag
                // (a lapped car runs fewer than the limit).
                // A lapped car's count is a forecast of where the leader will be at its last crossings: one that fails
                // because the car then lost a lot of time (a stop, a penalty, a slow lap) is undecided, not false.
                int done = me.CompletedAt(e.T);
                int left = me.Laps.Count - done, said = (int)e.Fact("lapsRemaining");
                double typical = truth.TypicalLap(me.Number);
                bool slowLater = me.Laps.Skip(done).Any(l => l.Duration > 1.25 * typical);
                // In a timed race the count is said as an estimate ("about 10 laps", the clock beside it): within a lap
                // is what "about" promises. The final lap is not an estimate.
                bool estimate = e.Has("timeRemaining") && e.Kind != "FinalLap";
                bool right = estimate ? Math.Abs(said - left) <= 1 : said == left;
                report.Verdicts.Add(new Verdict(ClaimKind.LapsToGo, e.Kind, e.T, right,
                    $"said {(estimate ? "about " : "")}{said} to go; {left} left to its flag{(slowLater ? " (a slow lap still to come)" : "")}", Undecided: !right && slowLater));
            }
            switch (e.Kind)
            {
                case "PositionGained" or "PositionLost":
                    JudgePlaces(report, me, e, lastReportT);
                    lastReportT = e.T;
                    break;
                case "Attack" or "GapClosing" or "LapsToGo" or "FinalLap" or "Halfway" or "RivalPitted" or "Defend" or "GapClear":
                    JudgeRaceGaps(report, me, e);
                    if (e.Kind == "RivalPitted") JudgeRivalPitted(report, e);
                    break;
                case "LappedTraffic" or "BlueFlagCarBehind" or "FasterClassApproaching":
                    JudgeTraffic(report, me, e);
                    break;
                case "SafetyCar" or "FullCourseYellow" or "RedFlag" or "YellowFlag":
                    JudgeCaution(report, e);
                    break;
                case "GreenFlag":
                    bool wasNeutral = Flags(e.T - 120, e.T).Any(f => f != "GF") || LocalYellow(e.T - 120, e.T);
                    bool greenNow = Flags(e.T - 5, e.T + 5).Contains("GF");
                    report.Verdicts.Add(new Verdict(ClaimKind.Green, e.Kind, e.T, wasNeutral && greenNow, $"green now {greenNow}, neutralised before {wasNeutral}"));
                    break;
                case "Chequered":
                    bool done = me.Finished && e.T >= me.Laps[^1].End - 1 && e.T <= me.Laps[^1].End + FinishCallWindow;
                    report.Verdicts.Add(new Verdict(ClaimKind.Finish, e.Kind, e.T, done, me.Finished ? $"flag at {me.Laps[^1].End:0.0}" : "never took the flag"));
                    break;
                case "RejoinEstimate" or "RejoinLeavingBox":
                    JudgeRejoin(report, me, e);
                    break;
                case "PitEntry" when e.Has("rejoinPosition"):
                    JudgeCentralRejoin(report, me, e);
                    break;
            }
        }
        JudgeTimeliness(report, me, run);
        return report;
    }

    private void JudgePlaces(PerspectiveReport report, TruthCar me, ReplayedEvent e, double lastReportT)
    {
        int pos = (int)e.Fact("position"), prev = (int)e.Fact("previousPosition"), changed = (int)e.Fact("positionsChanged");
        var now = HeldPositions(me, e.T - PositionLag, e.T + PositionLead);
        // The first report counts from the start: the grid and the first seconds of the race.
        var before = double.IsNaN(lastReportT) ? HeldPositions(me, -1, 5) : HeldPositions(me, lastReportT - PositionLag, lastReportT + PositionLead);
        bool posTrue = now.Contains(pos), prevTrue = before.Contains(prev);
        Add(report, ClaimKind.Position, e, now, pos);
        bool countRight = changed == prev - pos && posTrue && prevTrue;
        report.Verdicts.Add(new Verdict(ClaimKind.PlaceCount, e.Kind, e.T, countRight,
            $"said {changed:+0;-0} (P{prev}→P{pos}); held then {Show(before)}, now {Show(now)}"));
        if (changed > 0 && !e.Has("placesFromPits")) CountPitCycle(report, me, e, lastReportT);
    }

    /// <summary>A gain called with no places from the pits while the cars passed were in their stops: praise for a move nobody made.</summary>
    private void CountPitCycle(PerspectiveReport report, TruthCar me, ReplayedEvent e, double lastReportT)
    {
        double from = double.IsNaN(lastReportT) ? 0 : lastReportT;
        var before = truth.OrderAt(from);
        var after = truth.OrderAt(e.T);
        int myBefore = before.FindIndex(s => s.Car == me), myAfter = after.FindIndex(s => s.Car == me);
        int inStops = 0, passed = 0;
        foreach (var s in before.Take(Math.Max(0, myBefore)))
        {
            if (s.Car.Class != me.Class || after.FindIndex(x => x.Car == s.Car) <= myAfter) continue;
            passed++;
            if (truth.PitVisitOverlapping(s.Car, from, e.T) is not null) inStops++;
        }
        if (passed > 0 && inStops * 2 > passed) report.PitCyclePraised++;
    }

    private void JudgeRaceGaps(PerspectiveReport report, TruthCar me, ReplayedEvent e)
    {
        foreach (var (key, ahead) in new[] { ("gapAhead", true), ("gapBehind", false) })
        {
            if (!e.Has(key)) continue;
            double claim = e.Fact(key);
            var rival = RivalOrNeighbour(me, e, ahead);
            if (rival is null) continue;
            // The gap at the timing lines (sector splits and the finish line) either side of the claim.
            int line = me.LineAt(e.T);
            var known = new List<double>();
            for (int j = line; j <= line + 3 && known.Count < 2; j++)
            {
                double g = LineGap(me, rival, j, ahead);
                if (double.IsNaN(g)) continue;
                // The two swapped places by this line: the gap ran down through every value to nothing on the way.
                if (g < 0 && known.Count > 0) { known.Add(0); break; }
                if (g >= 0) known.Add(g);
            }
            if (known.Count == 0) continue;
            double lo = known.Min(), hi = known.Max();
            double tol = GapTolerance + GapToleranceFraction * Math.Abs(claim);
            bool ok = claim >= lo - tol && claim <= hi + tol;
            // Between the lines the gap follows where each car lost its time in the stretch, which the file does not
            // say: it can stray from the lines' values by as much as the two cars lost there.
            double lost = truth.SlackAt(me, e.T) + truth.SlackAt(rival, e.T);
            bool possible = claim >= lo - tol - lost && claim <= hi + tol + lost;
            report.Verdicts.Add(new Verdict(ClaimKind.Gap, e.Kind, e.T, ok,
                $"{key} {claim:0.00} to #{rival.Number}; at the lines {string.Join(" / ", known.Select(g => g.ToString("0.00")))}; time lost between them {lost:0.0} s",
                Undecided: !ok && possible));
        }
    }

    /// <summary>Race-order gap at timing line <paramref name="line"/>: how long after the leading car the trailing one crossed it.</summary>
    private static double LineGap(TruthCar me, TruthCar rival, int line, bool ahead)
    {
        var a = me.TimingLines;
        var b = rival.TimingLines;
        if (line <= 0 || line >= a.Length || line >= b.Length) return double.NaN;
        // Negative when the rival was on the other side of the car at this line (the two swapped places).
        return ahead ? a[line] - b[line] : b[line] - a[line];
    }

    private TruthCar? RivalOrNeighbour(TruthCar me, ReplayedEvent e, bool ahead)
    {
        if (e.RivalNumber is { } n && truth.Has(n)) return truth.Car(n);
        if (e.Kind == "RivalPitted") return null;
        var order = truth.OfficialOrderAt(e.T).Where(s => s.Car.Class == me.Class).ToList();
        int i = order.FindIndex(s => s.Car == me);
        int j = ahead ? i - 1 : i + 1;
        return i >= 0 && j >= 0 && j < order.Count ? order[j].Car : null;
    }

    private void JudgeRivalPitted(PerspectiveReport report, ReplayedEvent e)
    {
        if (e.RivalNumber is not { } n || !truth.Has(n))
        {
            report.Verdicts.Add(new Verdict(ClaimKind.RivalPitted, e.Kind, e.T, false, "no rival number"));
            return;
        }
        var visit = truth.PitVisitOverlapping(truth.Car(n), e.T - 20, e.T + 20);
        report.Verdicts.Add(new Verdict(ClaimKind.RivalPitted, e.Kind, e.T, visit is not null,
            visit is null ? $"#{n} was not in the pits" : $"#{n} in the lane {visit.In:0}–{visit.Out:0}"));
    }

    private void JudgeTraffic(PerspectiveReport report, TruthCar me, ReplayedEvent e)
    {
        if (e.RivalNumber is not { } n || !truth.Has(n))
        {
            report.Verdicts.Add(new Verdict(ClaimKind.Traffic, e.Kind, e.T, false, "no rival number"));
            return;
        }
        var rival = truth.Car(n);
        double claimGap = e.Has("gapBehind") ? e.Fact("gapBehind") : e.Has("gapAhead") ? e.Fact("gapAhead") : 0;
        double lap = truth.TypicalLap(me.Number);
        double reach = (claimGap + RoadSlack) / lap;
        bool ok = false, possible = false;
        string detail = "";
        for (double t = e.T - 3; t <= e.T + 1 && !ok; t += 0.5)
        {
            double mine = truth.Progress(me, t), theirs = truth.Progress(rival, t);
            // Where the timing allows the two to be: the rival's lead over the player in laps, lowest to highest.
            var (mLo, mHi) = truth.ProgressRange(me, t);
            var (rLo, rHi) = truth.ProgressRange(rival, t);
            possible |= e.Kind switch
            {
                "LappedTraffic" => CanBeAheadOnRoad(rLo - mHi, rHi - mLo, reach, -0.45),
                "BlueFlagCarBehind" => CanBeAheadOnRoad(mLo - rHi, mHi - rLo, reach, -0.45),
                "FasterClassApproaching" => FasterClass(rival, me) && CanBeAheadOnRoad(mLo - rHi, mHi - rLo, reach, double.PositiveInfinity),
                _ => false,
            };
            double aheadOnRoad = Mod1(theirs - mine) * lap, behindOnRoad = Mod1(mine - theirs) * lap;
            switch (e.Kind)
            {
                case "LappedTraffic":
                    ok = theirs <= mine - 0.45 && aheadOnRoad <= claimGap + RoadSlack;
                    detail = $"#{n} {mine - theirs:0.00} laps behind in the race, {aheadOnRoad:0.0} s ahead on the road";
                    break;
                case "BlueFlagCarBehind":
                    ok = theirs >= mine + 0.45 && behindOnRoad <= claimGap + RoadSlack;
                    if (ok && e.Fact("rivalPosition") == 1) ok = HeldClassPositions(rival, t - PositionLag, t + PositionLead).Contains(1);
                    detail = $"#{n} {theirs - mine:0.00} laps ahead in the race, {behindOnRoad:0.0} s behind on the road";
                    break;
                case "FasterClassApproaching":
                    ok = FasterClass(rival, me) && behindOnRoad <= claimGap + RoadSlack;
                    detail = $"#{n} ({rival.Class}) {behindOnRoad:0.0} s behind on the road; faster class {FasterClass(rival, me)}";
                    break;
            }
        }
        report.Verdicts.Add(new Verdict(ClaimKind.Traffic, e.Kind, e.T, ok, detail, Undecided: !ok && possible));
    }

    /// <summary>
    /// Some lead d (laps, the other car's progress minus this one's) in [lo, hi], at most <paramref name="maxLead"/>,
    /// puts the other car ahead on the road by no more than <paramref name="reach"/> of a lap: d just above a whole
    /// number of laps.
    /// </summary>
    private static bool CanBeAheadOnRoad(double lo, double hi, double reach, double maxLead)
    {
        hi = Math.Min(hi, maxLead);
        for (double n = Math.Floor(lo); n <= hi; n++)
            if (n + reach >= lo && n <= hi) return true;
        return false;
    }

    private bool FasterClass(TruthCar a, TruthCar b) => ClassPace(a.Class) < ClassPace(b.Class) * 0.98;

    private readonly Dictionary<string, double> _classPace = [];

    private double ClassPace(string cls)
    {
        if (_classPace.TryGetValue(cls, out double v)) return v;
        var laps = truth.Cars.Where(c => c.Class == cls).Select(c => truth.TypicalLap(c.Number)).Where(double.IsFinite).OrderBy(x => x).ToArray();
        return _classPace[cls] = laps.Length > 0 ? laps[laps.Length / 2] : double.NaN;
    }

    private void JudgeCaution(PerspectiveReport report, ReplayedEvent e)
    {
        var flags = Flags(e.T - CautionCallWindow, e.T + 5);
        bool ok = e.Kind switch
        {
            "SafetyCar" => flags.Contains("SF"),
            "FullCourseYellow" => flags.Contains("FCY"),
            "RedFlag" => flags.Contains("RF"),
            // A local yellow: timing files only know neutralisations; a source that knows its yellows says so.
            _ => flags.Any(f => f is "FCY" or "SF" or "RF") || LocalYellow(e.T - 5, e.T + 1),
        };
        // The wording: a pit status ("pits open/closed") only from a source that says it; timing files do not.
        bool pitStatus = e.Has("pitsOpen");
        if (pitStatus) ok &= truth.PitsOpenAt is { } pitsOpen && pitsOpen(e.T) == e.Fact("pitsOpen") > 0;
        report.Verdicts.Add(new Verdict(ClaimKind.Caution, e.Kind, e.T, ok, $"flags then: {string.Join(",", flags)}{(pitStatus ? $"; said pits {(e.Fact("pitsOpen") > 0 ? "open" : "closed")}" : "")}"));
    }

    /// <summary>Every neutralisation while the car was running was called, of the right kind, in time; every green too; the finish.</summary>
    private void JudgeTimeliness(PerspectiveReport report, TruthCar me, ReplayedRace run)
    {
        double running = me.LastCrossing;
        foreach (var c in truth.Cautions)
        {
            if (c.FirstCrossing > running) continue;
            string kind = c.Flag switch { "SF" => "SafetyCar", "FCY" => "FullCourseYellow", _ => "RedFlag" };
            report.CautionsTotal++;
            bool called = run.Events.Any(e => e.Kind == kind && e.T >= c.LastGreenBefore - 5 && e.T <= c.FirstCrossing + CautionCallWindow);
            if (called) report.CautionsCalled++;
            else report.CautionMisses.Add($"{c.Flag} {c.LastGreenBefore:0}–{c.FirstCrossing:0}");
            if (c.FirstGreenAfter >= truth.End || c.FirstGreenAfter > running) continue;
            // A change of neutralisation (FCY → SF) has no green between.
            if (truth.Cautions.Any(o => o != c && Math.Abs(o.FirstCrossing - c.FirstGreenAfter) < 1e-6)) continue;
            report.GreensTotal++;
            if (run.Events.Any(e => e.Kind == "GreenFlag" && e.T >= c.LastCrossing - 5 && e.T <= c.FirstGreenAfter + CautionCallWindow)) report.GreensCalled++;
        }
        if (me.Finished)
        {
            double flag = me.Laps[^1].End;
            report.FinishCalled = run.Events.Any(e => e.Kind == "Chequered" && e.T >= flag - 1 && e.T <= flag + FinishCallWindow);
        }
    }

    /// <summary>
    /// A spoken rejoin estimate against where the car really came out: the place in the order (in class) two
    /// seconds after it left the lane, by the measured lane time. Before the stop the estimate is for the next
    /// stop (said from the "box" call, up to a lap ahead); leaving the box, for the stop under way.
    /// </summary>
    private void JudgeRejoin(PerspectiveReport report, TruthCar me, ReplayedEvent e)
    {
        bool leaving = e.Kind == "RejoinLeavingBox";
        var visit = leaving
            // The timing puts a stop's lane time around the line; on a slow lap it may sit before where the replay has it.
            ? truth.PitVisits.Where(v => v.Car == me && v.In - 5 <= e.T && v.Out + 60 >= e.T).OrderBy(v => Math.Abs(v.Out - e.T)).FirstOrDefault()
            : truth.PitVisits.Where(v => v.Car == me && v.Out >= e.T && v.In <= e.T + 1.5 * truth.TypicalLap(me.Number)).OrderBy(v => v.In).FirstOrDefault();
        if (visit is null || !visit.Measured) return;
        int real = RaceTruth.PositionIn(truth.OrderAt(visit.Out + 2), me, truth.MultiClass);
        string flags = string.Join(",", Flags(visit.In - 5, visit.Out + 5));
        string where = $"t={e.T:0} lap {visit.InLap}, lane {visit.Out - visit.In:0} s, flags {flags}: out P{real}";
        if (!e.Has("rejoinPosition"))
        {
            report.RejoinUnnumbered++;
            report.RejoinDetails.Add($"{e.Kind} {where}; said no place");
            return;
        }
        int said = (int)e.Fact("rejoinPosition");
        int error;
        if (e.Has("rejoinBest") && e.Has("rejoinWorst"))
        {
            int best = (int)e.Fact("rejoinBest"), worst = (int)e.Fact("rejoinWorst");
            error = real < best ? best - real : real > worst ? real - worst : 0;
            report.RejoinRanges.Add((worst - best, error == 0));
            report.RejoinDetails.Add($"{e.Kind} {where}; said P{best}–P{worst} (error {error})");
        }
        else
        {
            error = Math.Abs(real - said);
            report.RejoinDetails.Add($"{e.Kind} {where}; said P{said} (error {error})");
        }
        report.RejoinErrors.Add(error);
        if (leaving) report.RejoinLeavingErrors.Add(error);
        else report.RejoinBeforeErrors.Add(error);
    }

    private void JudgeCentralRejoin(PerspectiveReport report, TruthCar me, ReplayedEvent e)
    {
        var visit = truth.PitVisits.Where(v => v.Car == me && v.Measured && v.Out >= e.T - 60 && v.In <= e.T + 60)
            .OrderBy(v => Math.Abs(v.In - e.T)).FirstOrDefault();
        if (visit is null) return;
        int real = RaceTruth.PositionIn(truth.OrderAt(visit.Out + 2), me, truth.MultiClass);
        report.RejoinCentralErrors.Add(Math.Abs(real - (int)e.Fact("rejoinPosition")));
    }

    private HashSet<int> HeldPositions(TruthCar car, double from, double to) =>
        truth.MultiClass ? HeldClassPositions(car, from, to) : Held(car, from, to, inClass: false);

    private HashSet<int> HeldClassPositions(TruthCar car, double from, double to) => Held(car, from, to, inClass: true);

    private HashSet<int> Held(TruthCar car, double from, double to, bool inClass)
    {
        var held = new HashSet<int>();
        for (double t = from; t <= to + 1e-9; t += 1)
        {
            held.Add(RaceTruth.PositionIn(truth.OfficialOrderAt(t), car, inClass));
            held.Add(RaceTruth.PositionIn(truth.OrderAt(t), car, inClass));
        }
        return held;
    }

    private bool LocalYellow(double from, double to)
    {
        if (truth.LocalYellowAt is not { } yellow) return false;
        for (double t = from; t <= to + 1e-9; t += 0.5) if (yellow(t)) return true;
        return false;
    }

    private HashSet<string> Flags(double from, double to)
    {
        var set = new HashSet<string>();
        for (double t = from; t <= to + 1e-9; t += 1) set.Add(truth.FlagAt(t));
        return set;
    }

    private static void Add(PerspectiveReport report, ClaimKind kind, ReplayedEvent e, HashSet<int> held, int claim) =>
        report.Verdicts.Add(new Verdict(kind, e.Kind, e.T, held.Contains(claim), $"said P{claim}, held {Show(held)}"));

    private static string Show(HashSet<int> held) => "P" + string.Join("/P", held.Order());

    private static double Mod1(double x) => x - Math.Floor(x);
}
