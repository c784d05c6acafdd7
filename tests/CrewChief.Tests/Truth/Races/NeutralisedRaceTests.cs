using System.Globalization;

namespace CrewChief.Tests.Truth.Races;

/// <summary>
/// Issue 12: "the same checks will be run on real races you do not have, including a safety-car start and a red
/// flag". The real Spa race, rewritten by <see cref="NeutralisedRace"/> with both (the transformation is fixed and
/// documented there), replayed through the whole engine from every seat and held to the same judge as the real
/// races, plus what a neutralisation must never bring (<see cref="NeutralisationJudge"/>). Set
/// CREWCHIEF_TRUTH_EXTRA to more WEC timing files (separated by the path separator) to run the same checks on them.
/// </summary>
public class NeutralisedRaceTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, NeutralisedRace> s_written = [];
    private static readonly string s_dir = Path.Combine(Path.GetTempPath(), $"crewchief-neutralised-{Environment.ProcessId}");

    /// <summary>The race rewritten once per test run into a temp folder, removed when the run ends (skips with the
    /// reason when ../shared is absent).</summary>
    private static NeutralisedRace Derived(string race)
    {
        string source = RaceFiles.Path(race);
        lock (s_written)
        {
            if (s_written.Count == 0)
                AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(s_dir, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } };
            if (!s_written.TryGetValue(race, out var written)) s_written[race] = written = NeutralisedRace.Write(source, s_dir);
            return written;
        }
    }

    private static NeutralisedRace Spa() => Derived(RaceFiles.Spa);

    /// <summary>Spa (two classes, few neutralisations) and Fuji (many full-course yellows and safety cars).</summary>
    public static TheoryData<string> Races => new(RaceFiles.Spa, RaceFiles.Fuji);

    [Fact]
    public void Transformation_GivesASafetyCarStartAndARedFlag_ThatBothReadersAgreeOn()
    {
        var race = Spa();
        var truth = TimingFileReader.Load(race.CsvPath);
        var timing = global::CrewChief.Races.RaceTiming.Load(race.CsvPath);
        Assert.Equal(truth.Cars.Count, timing.Entries.Count);
        // Behind the safety car at the start nobody changes place: every crossing of the first laps is in grid order.
        var grid = truth.Cars.OrderBy(c => truth.Grid.TryGetValue(c.Number, out int g) ? g : 999).ToList();
        for (int lap = 1; lap <= NeutralisedRace.StartLaps; lap++)
        {
            var ends = grid.Where(c => c.Laps.Count >= lap).Select(c => c.Laps[lap - 1].End).ToList();
            Assert.True(ends.Zip(ends.Skip(1)).All(p => p.First < p.Second), $"lap {lap} not crossed in grid order");
            Assert.All(grid, c => Assert.Equal("SF", c.Laps[lap - 1].Flag));
        }
        Assert.Equal("SF", truth.Cautions[0].Flag);
        Assert.Equal(0, truth.Cautions[0].LastGreenBefore);
        var afterRed = truth.Cautions.SkipWhile(c => c.Flag != "RF").Take(2).Select(c => c.Flag).ToArray();
        Assert.Equal(["RF", "SF"], afterRed);
        var red = truth.Cautions.Single(c => c.Flag == "RF");
        Assert.InRange(red.FirstCrossing, race.RedShownAt, race.RedShownAt + 600);
        // The stoppage: nobody crosses the line between the last red-flag crossing and the restart lap.
        Assert.DoesNotContain(truth.Cars.SelectMany(c => c.Laps), l => l.End > red.LastCrossing && l.End < race.RestartAt);
        Assert.True(truth.Cars.Count(c => c.Finished) > truth.Cars.Count / 2);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"red shown {race.RedShownAt:0}, restart {race.RestartAt:0}, green after the start {race.StartGreenAt:0}, after the restart {race.RestartGreenAt:0}; cautions: {string.Join(", ", truth.Cautions.Select(c => $"{c.Flag} {c.FirstCrossing:0}–{c.FirstGreenAfter:0}"))}"));
    }

    [Theory]
    [MemberData(nameof(Races))]
    public void SafetyCarStartAndRedFlag_CallsAreTrue_FromEverySeat(string race) => JudgeRace(Derived(race).CsvPath);

    /// <summary>
    /// The real races' own safety cars and full-course yellows (Spa's three, Fuji's eleven) under the same
    /// neutralisation judge, from the winner's seat and a lapped car's (the whole truth harness runs every seat
    /// in <see cref="RaceCallTruthTests"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(Races))]
    public void RealNeutralisations_BringNoCallTheyRuleOut(string race)
    {
        var truth = RaceFiles.Truth(race);
        var seats = Perspectives.For(truth).Where(s => s.Role is "winner" or "lapped").ToList();
        var neutral = new NeutralisationJudge(truth);
        var faults = new List<string>[seats.Count];
        Parallel.For(0, seats.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => faults[i] = neutral.Judge(ReplayedRace.Run(RaceFiles.Path(race), seats[i].Car)));
        var all = faults.SelectMany(f => f).ToList();
        Assert.True(all.Count == 0, $"{all.Count} calls a neutralisation rules out:\n{string.Join("\n", all.Take(40))}");
    }

    public static TheoryData<string> ExtraRaces()
    {
        var data = new TheoryData<string>();
        foreach (string p in (Environment.GetEnvironmentVariable("CREWCHIEF_TRUTH_EXTRA") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            data.Add(p);
        if (data.Count == 0) data.Add("");
        return data;
    }

    /// <summary>Races we do not have, where someone has them: the same judge, every seat.</summary>
    [Theory]
    [MemberData(nameof(ExtraRaces))]
    public void ExtraRace_CallsAreTrue_FromEverySeat(string path)
    {
        if (path.Length == 0) Assert.Skip("CREWCHIEF_TRUTH_EXTRA names no race file");
        JudgeRace(path);
    }

    private void JudgeRace(string path)
    {
        var truth = TimingFileReader.Load(path);
        var seats = Perspectives.For(truth);
        var judge = new RaceCallJudge(truth);
        var neutral = new NeutralisationJudge(truth);
        var reports = new PerspectiveReport[seats.Count];
        var faults = new List<string>[seats.Count];
        Parallel.For(0, seats.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var run = ReplayedRace.Run(path, seats[i].Car);
            lock (judge) reports[i] = judge.Judge(run, seats[i].Role);
            faults[i] = neutral.Judge(run);
        });
        var list = reports.ToList();
        string table = RaceCallTruthTests.Table(list);
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("CREWCHIEF_TRUTH_REPORT") is { Length: > 0 } file)
            lock (typeof(RaceCallTruthTests)) File.AppendAllText(file, table + RaceCallTruthTests.Falsehoods(list) + string.Join("\n", faults.SelectMany(f => f)) + "\n");
        foreach (var f in faults.SelectMany(f => f)) output.WriteLine(f);

        int claims = list.Sum(r => r.Claims), good = list.Sum(r => r.TrueClaims);
        output.WriteLine($"{good}/{claims} race claims true ({100.0 * good / Math.Max(1, claims):0.0} %)");
        Assert.True(good >= RaceCallTruthTests.TrueFloor * claims, $"{good}/{claims} race claims true\n{table}{RaceCallTruthTests.Falsehoods(list)}");
        var hard = list.SelectMany(r => r.Verdicts).Where(v => v.Kind is not (ClaimKind.Gap or ClaimKind.Traffic) && !v.True && !v.Undecided).ToList();
        Assert.True(hard.Count == 0, $"false position / place count / rival-pitted / caution / finish claims:\n{string.Join("\n", hard.Take(30))}");
        Assert.True(list.All(r => r.CautionsCalled == r.CautionsTotal), "cautions missed: " + string.Join("; ", list.Where(r => r.CautionMisses.Count > 0).Select(r => $"#{r.Car}: {string.Join(", ", r.CautionMisses)}")));
        Assert.True(list.All(r => r.GreensCalled == r.GreensTotal), "greens missed: " + string.Join("; ", list.Select(r => $"#{r.Car} {r.GreensCalled}/{r.GreensTotal}")));
        Assert.True(list.All(r => r.FinishCalled != false), "finish not called on time from: " + string.Join(", ", list.Where(r => r.FinishCalled == false).Select(r => "#" + r.Car)));
        var rejoin = list.SelectMany(r => r.RejoinErrors).ToList();
        if (rejoin.Count > 0) Assert.True(rejoin.Average() <= RaceCallTruthTests.RejoinFloor, $"rejoin mean error {rejoin.Average():0.00} places over {rejoin.Count}");
        var all = faults.SelectMany(f => f).ToList();
        Assert.True(all.Count == 0, $"{all.Count} calls a neutralisation rules out:\n{string.Join("\n", all.Take(40))}");
    }
}
