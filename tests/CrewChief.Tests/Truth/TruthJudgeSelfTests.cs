namespace CrewChief.Tests.Truth;

/// <summary>
/// The harness can fail: the false claims the engine made before issue 11 (each found by hand in the raw data)
/// are judged false, and a crash with nothing said is an unsaid moment. The claims are fed in as the engine's JSON
/// would carry them; the judge finds the recording's own values itself.
/// </summary>
public sealed class TruthJudgeSelfTests
{
    private static RawTimeline Raw(string file) => new(RawTelemetry.Open(SharedData.RequireTelemetry(Path.Combine("ibt", file))));

    private static Verdict Judge(RawTimeline raw, double t, string kind, params (string Key, double Value)[] facts) =>
        TruthJudge.JudgeEvents(raw, [new RaisedEvent(t, kind, "Medium", facts.ToDictionary(f => f.Key, f => f.Value))])[0];

    [Fact]
    public void ABestThatIsNotTheSimsBest_IsFalse()
    {
        var raw = Raw("silverado-truck_bristol.ibt");
        var v = Judge(raw, 6148.87, "PersonalBest", ("lapTime", 15.067), ("bestLapTime", 15.067));
        Assert.False(v.IsTrue);
        Assert.Contains(v.Problems, p => p.Contains("LapBestLapTime", StringComparison.Ordinal));
    }

    [Fact]
    public void ATyreTemperatureFarFromTheSurface_IsFalse()
    {
        var raw = Raw("silverado-truck_bristol.ibt");
        var v = Judge(raw, 6127.4, "TyreHot", ("tyreCorner", 3), ("tyreTemp", 110));
        Assert.False(v.IsTrue);
        Assert.True(v.IsTyreClaim);
    }

    [Fact]
    public void ALimiterCallInACarWithoutOne_AtACrawl_IsFalse()
    {
        var raw = Raw("skmodified_langley_2015-05-28_14-45-12.ibt");
        var v = Judge(raw, 4129.12, "PitLimiterMissing", ("speed", raw.Speed[raw.At(4129.12)]));
        Assert.False(v.IsTrue);
        Assert.Contains(v.Problems, p => p.Contains("without one", StringComparison.Ordinal));
    }

    [Fact]
    public void APitEntryFromATow_IsFalse()
    {
        var raw = Raw("amg-gt4_sebring.ibt");
        Assert.False(Judge(raw, 2292.40, "PitEntry").IsTrue);
    }

    [Fact]
    public void FuelLapsBeforeACleanLap_AreFalse()
    {
        var raw = Raw("silverado-truck_bristol.ibt");
        Assert.False(Judge(raw, 6099.85, "PitExit", ("fuelLapsLeft", 402)).IsTrue);
    }

    [Fact]
    public void LapTimeDifferentFromTheSims_IsFalse_AndTheSimsIsTrue()
    {
        var raw = Raw("silverado-truck_bristol.ibt");
        Assert.False(Judge(raw, 6134, "LapTime", ("lapTime", 15.217)).IsTrue);
        Assert.True(Judge(raw, 6134, "LapTime", ("lapTime", 15.226), ("bestLapTime", 14.859), ("deltaToBest", 0.367)).IsTrue);
    }

    [Fact]
    public void ASpinWithoutSlipOrIncidents_IsFalse()
    {
        var raw = Raw("silverado-truck_bristol.ibt");
        Assert.False(Judge(raw, 6120, "Spin").IsTrue);
        Assert.True(Judge(raw, 6150.8, "Spin").IsTrue);
    }

    [Fact]
    public void ACrashWithNothingSaid_IsAnUnsaidMoment()
    {
        var raw = Raw("silverado-truck_bristol.ibt");
        var moments = TruthJudge.FindMoments(raw);
        TruthJudge.MatchMoments(moments, []);
        Assert.Contains(moments, m => !m.Called && m.Answers.Contains("Spin"));
        Assert.Contains(moments, m => !m.Called && m.Answers.Contains("LapTime"));
    }
}
