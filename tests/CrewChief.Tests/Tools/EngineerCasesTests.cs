using CrewChief.Callouts;
using CrewChief.Events;
using CrewChief.Tools.Eval;

namespace CrewChief.Tests.Tools;

/// <summary>
/// Issue 13 item 4: the eval speaks to what the real brain raised from a snapshot's synthetic history, and on
/// snapshots beyond the project's own set (eval/engineer-cases.jsonl) it picks the topic a race engineer would.
/// </summary>
public class EngineerCasesTests
{
    private static string CasesPath => Path.Combine(SharedData.RepoRoot, "eval", "engineer-cases.jsonl");

    private static List<EvalCase> Cases() => EvalCaseReader.ReadFile(CasesPath);

    private static EvalCase Case(string name) => Cases().Single(c => c.Name == name);

    [Fact]
    public void EveryCase_SpeaksToTheTopicARaceEngineerWould_Grounded()
    {
        var report = EvalRunner.Run(Cases(), new ComposerCalloutWriter());
        Assert.True(report.Cases.Count >= 6, $"{report.Cases.Count} cases");
        foreach (var r in report.Cases)
        {
            Assert.False(string.IsNullOrEmpty(r.Case.ExpectedTopic), $"{r.Case.Name} names no expected_topic");
            Assert.True(r.Kind.ToString() == r.Case.ExpectedTopic, $"{r.Case.Name}: expected {r.Case.ExpectedTopic}, said {r.Kind} ({r.Response})");
            Assert.True(r.Grounded, $"{r.Case.Name}: {string.Join("; ", r.Problems)}");
        }
    }

    [Fact]
    public void ALastLapQuickerThanTheBest_IsANewBest()
    {
        var events = SnapshotHistory.Run(Case("engineer_new_best_last_under_best").Input);
        var pb = Assert.Single(events, e => e.Kind == EventKind.PersonalBest);
        Assert.Equal(137.6, pb.Facts.GetOrDefault(FactKey.LapTime), 1);
    }

    [Fact]
    public void WearProjectedPastCritical_IsAWearCallBeforeItIsCritical_SaidAsAnEstimate()
    {
        var c = Case("engineer_wear_projected_past_critical");
        var events = SnapshotHistory.Run(c.Input);
        Assert.DoesNotContain(events, e => e.Kind == EventKind.TyreWearCritical);
        var warn = Assert.Single(events, e => e.Kind == EventKind.TyreWearWarning);
        Assert.Equal(40, warn.Facts.GetOrDefault(FactKey.TyreWear), 1);
        // 40 % after 18 laps on the set: 2.2 % a lap for the 21.6 laps from the measurement to the flag.
        Assert.InRange(warn.Facts.GetOrDefault(FactKey.TyreWearAtFlag), 85, 90);
        var result = EvalRunner.RunOne(c, new ComposerCalloutWriter());
        Assert.Contains("estimated", result.Response, StringComparison.Ordinal);
    }

    [Fact]
    public void OneWearMeasurement_IsNoRate_SoNoProjection()
    {
        var events = SnapshotHistory.Run(Case("engineer_wear_without_a_rate_is_no_projection").Input);
        Assert.DoesNotContain(events, e => e.Kind is EventKind.TyreWearWarning or EventKind.TyreWearCritical);
        Assert.DoesNotContain(events, e => e.Facts.TryGet(FactKey.TyreWearAtFlag, out _));
    }

    [Fact]
    public void SteadyLaps_AreWorthAWord_WhenNothingElseIs()
    {
        var c = Case("engineer_steady_laps_nothing_else");
        var events = SnapshotHistory.Run(c.Input);
        var lap = Assert.Single(events);
        Assert.Equal(EventKind.LapTime, lap.Kind);
        Assert.Equal(4, lap.Facts.GetOrDefault(FactKey.Position));
        Assert.Contains("Steady laps", EvalRunner.RunOne(c, new ComposerCalloutWriter()).Response, StringComparison.Ordinal);
    }

    [Fact]
    public void StopsNeeded_OnlyWhenTheTankIsKnown()
    {
        var known = SnapshotHistory.Run(Case("engineer_stops_with_tank_known").Input);
        var warn = Assert.Single(known, e => e.Kind == EventKind.FuelWarning);
        // 20 laps to go from lap 10 at half distance, 2.6 laps in the tank, a tank of 12 laps: two stops.
        Assert.Equal(2, warn.Facts.GetOrDefault(FactKey.StopsNeeded));

        var unknown = SnapshotHistory.Run(Case("engineer_no_stop_count_without_tank").Input);
        Assert.All(unknown, e => Assert.False(e.Facts.GetOrDefault(FactKey.StopsNeeded, 0) > 0, $"{e.Kind} carries a stop count"));
        Assert.All(unknown, e => Assert.NotEqual(EventKind.PitWindowOpen, e.Kind));
        var said = EvalRunner.RunOne(Case("engineer_no_stop_count_without_tank"), new ComposerCalloutWriter()).Response;
        Assert.DoesNotMatch(@"\d+ stops?\b", said);
    }

    [Fact]
    public void TheProjectSet_IsJudgedByTheBrain_NotByAnEvalRuleEngine()
    {
        // GapUpdate was the eval's own kind; the brain has no such event, so no reply can be one.
        Assert.False(Enum.IsDefined(typeof(EventKind), "GapUpdate"));
        var cases = EvalCaseReader.ReadFile(Path.Combine(SharedData.RepoRoot, "eval", "cases.jsonl"));
        var battle = cases.First(c => c.Name == "battle_defend_spa");
        Assert.Contains(SnapshotHistory.Run(battle.Input), e => e.Kind == EventKind.Defend);
    }
}
