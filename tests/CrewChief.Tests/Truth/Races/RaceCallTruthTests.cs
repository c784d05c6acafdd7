using System.Globalization;
using System.Text;
using CrewChief;

namespace CrewChief.Tests.Truth.Races;

/// <summary>
/// Issue 12: every real race in ../shared/races replayed through the whole engine from several seats, every race
/// claim held against the timing (read by the harness's own <see cref="TimingFileReader"/>, never the engine's).
/// The 24-hour race runs from two seats here to keep the suite short; set CREWCHIEF_TRUTH_ALL=1 for every seat
/// (the README figures), and CREWCHIEF_TRUTH_REPORT=FILE to write the table and every false claim.
/// </summary>
public class RaceCallTruthTests(ITestOutputHelper output)
{
    /// <summary>Issue 12's goals: reported in the output and the README table.</summary>
    public const double TrueGoal = 0.98, RejoinGoal = 1.0;
    /// <summary>
    /// What the suite holds the engine to, so a regression fails: every position, place count, rival pitted,
    /// caution, green and finish claim holds outright; of the gap and traffic claims the timing decides, the goal's
    /// 98 % are true on every race here, and the floor of 95 % leaves a little room for a race we do not have. The
    /// rejoin places spoken (leaving the box, or before the stop as a place or a range) are within a place on
    /// average on every race; the floor of 2 leaves room without letting the old 1–4 place estimate back in.
    /// </summary>
    public const double TrueFloor = 0.95, RejoinFloor = 2.0;
    /// <summary>
    /// At most this share of a race's claims may be undecided (the timing cannot place the cars finely enough to
    /// judge them): the uncertainty between lines is there to be honest about the file, not a place to hide claims.
    /// </summary>
    public const double UndecidedCeiling = 0.05;

    public static TheoryData<string> Races => new(RaceFiles.Spa, RaceFiles.Fuji, RaceFiles.LeMans, RaceFiles.Nurburgring);

    [Theory]
    [MemberData(nameof(Races))]
    public void RaceCalls_AreTrue_FromEverySeat(string race)
    {
        if (Environment.GetEnvironmentVariable("CREWCHIEF_TRUTH_ONLY") is { Length: > 0 } only && !race.Contains(only, StringComparison.Ordinal))
            Assert.Skip($"CREWCHIEF_TRUTH_ONLY={only}");
        var reports = Judge(race, all: Environment.GetEnvironmentVariable("CREWCHIEF_TRUTH_ALL") == "1");
        string table = Table(reports);
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("CREWCHIEF_TRUTH_REPORT") is { Length: > 0 } file)
            lock (typeof(RaceCallTruthTests)) File.AppendAllText(file, table + Falsehoods(reports) + "\n");

        int claims = reports.Sum(r => r.Claims), good = reports.Sum(r => r.TrueClaims), undecided = reports.Sum(r => r.UndecidedClaims);
        Assert.True(claims > 0, "no race claims at all");
        Assert.True(undecided <= UndecidedCeiling * (claims + undecided), $"{undecided} of {claims + undecided} claims undecided, ceiling {UndecidedCeiling:P0}\n{Falsehoods(reports)}");
        output.WriteLine($"{good}/{claims} race claims true ({100.0 * good / claims:0.0} %), goal {TrueGoal:P0}");
        Assert.True(good >= TrueFloor * claims, $"{good}/{claims} race claims true ({100.0 * good / claims:0.0} %), floor {TrueFloor:P0}\n{table}{Falsehoods(reports)}");
        // Every claim but the gaps and traffic ranges must hold outright.
        var hard = reports.SelectMany(r => r.Verdicts).Where(v => v.Kind is not (ClaimKind.Gap or ClaimKind.Traffic) && !v.True && !v.Undecided).ToList();
        Assert.True(hard.Count == 0, $"false position / rival-pitted / caution / finish claims:\n{string.Join("\n", hard.Take(30))}");
        var wrongCounts = reports.SelectMany(r => r.Verdicts).Where(v => v.Kind == ClaimKind.PlaceCount && !v.True).ToList();
        Assert.True(wrongCounts.Count == 0, $"place counts wrong:\n{string.Join("\n", wrongCounts)}");
        var rejoin = reports.SelectMany(r => r.RejoinErrors).ToList();
        if (rejoin.Count > 0)
        {
            output.WriteLine($"rejoin mean error {rejoin.Average():0.00} places over {rejoin.Count} stops, goal ≤ {RejoinGoal}");
            Assert.True(rejoin.Average() <= RejoinFloor, $"rejoin mean error {rejoin.Average():0.00} places over {rejoin.Count} stops, floor ≤ {RejoinFloor}");
        }
        Assert.True(reports.All(r => r.CautionsCalled == r.CautionsTotal), "cautions missed: " + string.Join("; ", reports.Where(r => r.CautionMisses.Count > 0).Select(r => $"#{r.Car}: {string.Join(", ", r.CautionMisses)}")));
        Assert.True(reports.All(r => r.GreensCalled == r.GreensTotal), "greens missed: " + string.Join("; ", reports.Select(r => $"#{r.Car} {r.GreensCalled}/{r.GreensTotal}")));
        Assert.True(reports.All(r => r.FinishCalled != false), "finish not called on time from: " + string.Join(", ", reports.Where(r => r.FinishCalled == false).Select(r => "#" + r.Car)));
        // Gains mostly from cars in their stops but called without the places from the pits: reported, not asserted
        // (the truth side judges a whole batch at once, the engine car by car as it goes by).
        output.WriteLine($"gains from the pit cycle called as moves: {reports.Sum(r => r.PitCyclePraised)}");
    }

    internal static List<PerspectiveReport> Judge(string race, bool all)
    {
        var truth = RaceFiles.Truth(race);
        string path = RaceFiles.Path(race);
        var seats = Perspectives.For(truth);
        if (IracingLapChartUnread(path)) Assert.Skip("the race-timing source does not read iRacing lap charts yet (crewchief replay says so)");
        // The 24-hour race replays in ~20 s a seat: the suite keeps the winner and a car of the slowest class.
        if (!all && truth.End > 12 * 3600) seats = [seats[0], seats.First(s => s.Role.StartsWith("mid-field", StringComparison.Ordinal) && s.Role.EndsWith(truth.Classes[^1], StringComparison.Ordinal))];
        var judge = new RaceCallJudge(truth);
        var reports = new PerspectiveReport[seats.Count];
        Parallel.For(0, seats.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var run = ReplayedRace.Run(path, seats[i].Car);
            lock (judge) reports[i] = judge.Judge(run, seats[i].Role);
        });
        return [.. reports];
    }

    private static bool IracingLapChartUnread(string path)
    {
        try { global::CrewChief.Races.RaceTiming.Load(path); return false; }
        catch (InputException e) when (e.Message.Contains("not read yet", StringComparison.Ordinal)) { return true; }
    }

    internal static string Table(List<PerspectiveReport> reports)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("| race | seat | claims decided | true | undecided | place counts right | rejoin error, places spoken (n) | leaving the box (n) | before the stop: ranges hit (mean width), no number | central estimate at pit entry (old figure) | cautions called | greens | finish | pit-cycle gains called as moves |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in reports)
        {
            string rejoin = r.RejoinErrors.Count > 0 ? string.Create(c, $"{r.RejoinErrors.Average():0.00} ({r.RejoinErrors.Count})") : "–";
            string leaving = r.RejoinLeavingErrors.Count > 0 ? string.Create(c, $"{r.RejoinLeavingErrors.Average():0.00} ({r.RejoinLeavingErrors.Count})") : "–";
            string ranges = r.RejoinRanges.Count > 0 ? string.Create(c, $"{r.RejoinRanges.Count(x => x.Hit)}/{r.RejoinRanges.Count} ({r.RejoinRanges.Average(x => x.Width):0.0}), {r.RejoinUnnumbered}") : $"–, {r.RejoinUnnumbered}";
            string central = r.RejoinCentralErrors.Count > 0 ? string.Create(c, $"{r.RejoinCentralErrors.Average():0.0} ({r.RejoinCentralErrors.Count})") : "–";
            sb.AppendLine(string.Create(c, $"| {r.Race} | #{r.Car} {r.Role} | {r.Claims} | {100.0 * r.TrueClaims / Math.Max(1, r.Claims):0.0} % | {r.UndecidedClaims} | {r.PlaceCountsRight}/{r.PlaceCounts} | {rejoin} | {leaving} | {ranges} | {central} | {r.CautionsCalled}/{r.CautionsTotal} | {r.GreensCalled}/{r.GreensTotal} | {(r.FinishCalled is null ? "–" : r.FinishCalled.Value ? "on time" : "MISSED")} | {r.PitCyclePraised} |"));
        }
        if (reports.Count > 1)
        {
            sb.AppendLine();
            sb.AppendLine("| race | seats | claims decided | true | undecided | place counts right | rejoin: places spoken, mean error (n) | of them leaving the box | before the stop (place or range), and said without a number | cautions called | greens | finish called |");
            sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            sb.AppendLine(AllSeats(reports));
        }
        return sb.ToString();
    }

    /// <summary>The race's row for the README: every seat together.</summary>
    private static string AllSeats(List<PerspectiveReport> reports)
    {
        var c = CultureInfo.InvariantCulture;
        static string Mean(IEnumerable<int> xs)
        {
            var l = xs.ToList();
            return l.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"{l.Average():0.00} ({l.Count})") : "–";
        }
        int claims = reports.Sum(r => r.Claims), good = reports.Sum(r => r.TrueClaims);
        var finish = reports.Where(r => r.FinishCalled is not null).ToList();
        return string.Create(c, $"| {reports[0].Race} | {reports.Count} | {claims:N0} | {100.0 * good / Math.Max(1, claims):0.0} % | {reports.Sum(r => r.UndecidedClaims)} | {reports.Sum(r => r.PlaceCountsRight)}/{reports.Sum(r => r.PlaceCounts)} | {Mean(reports.SelectMany(r => r.RejoinErrors))} | {Mean(reports.SelectMany(r => r.RejoinLeavingErrors))} | {Mean(reports.SelectMany(r => r.RejoinBeforeErrors))}, {reports.Sum(r => r.RejoinUnnumbered)} without a number | {reports.Sum(r => r.CautionsCalled)}/{reports.Sum(r => r.CautionsTotal)} | {reports.Sum(r => r.GreensCalled)}/{reports.Sum(r => r.GreensTotal)} | {finish.Count(r => r.FinishCalled == true)}/{finish.Count} on time |");
    }

    internal static string Falsehoods(List<PerspectiveReport> reports)
    {
        var sb = new StringBuilder();
        foreach (var g in reports.SelectMany(r => r.Verdicts).GroupBy(v => $"{v.Kind} {v.Event}").OrderBy(g => g.Key))
            sb.AppendLine($"  {g.Key}: {g.Count(v => v.True)}/{g.Count(v => !v.Undecided)} true{(g.Any(v => v.Undecided) ? $", {g.Count(v => v.Undecided)} undecided" : "")}");
        foreach (var r in reports)
            foreach (var v in r.Verdicts.Where(v => !v.True && !v.Undecided).Take(400))
                sb.AppendLine($"#{r.Car}: {v}");
        foreach (var r in reports)
            foreach (var v in r.Verdicts.Where(v => v.Undecided).Take(400))
                sb.AppendLine($"#{r.Car}: {v}");
        foreach (var r in reports)
            foreach (var d in r.RejoinDetails)
                sb.AppendLine($"#{r.Car} rejoin: {d}");
        return sb.ToString();
    }
}
