using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Strategy;

public class StrategyModelTests
{
    [Fact]
    public void SpeedProfile_ConstantSpeed_TimeIsDistanceOverSpeed()
    {
        var bins = new float[100];
        Array.Fill(bins, 50f);
        Assert.Equal(20, SpeedProfile.SecondsBetween(bins, 0.1, 0.3, 5000, 40), 6);
        // Wraps over the line.
        Assert.Equal(20, SpeedProfile.SecondsBetween(bins, 0.9, 0.1, 5000, 40), 6);
    }

    [Fact]
    public void SpeedProfile_TwoSpeeds_IntegratesEachPart()
    {
        var bins = new float[100];
        for (int i = 0; i < 100; i++) bins[i] = i < 50 ? 40 : 80;
        // 0.1..0.4 is all at 40 m/s (interpolation only between the centres 0.495 and 0.505).
        Assert.Equal(1500 / 40.0, SpeedProfile.SecondsBetween(bins, 0.1, 0.4, 5000, 40), 6);
        // 0.6..0.9 at 80 m/s.
        Assert.Equal(1500 / 80.0, SpeedProfile.SecondsBetween(bins, 0.6, 0.9, 5000, 40), 6);
        // Across the step: 475 m at 40, 475 m at 80, and the trapezoid of 1/v over the 50 m between the centres.
        Assert.Equal(475 / 40.0 + 475 / 80.0 + 50 * (1 / 40.0 + 1 / 80.0) / 2, SpeedProfile.SecondsBetween(bins, 0.4, 0.6, 5000, 40), 6);
    }

    [Fact]
    public void SpeedProfile_BuiltTable_AgreesWithTheIntegral()
    {
        var profile = new SpeedProfile(200);
        for (int i = 0; i < 200; i++) profile.Learn((i + 0.5f) / 200, 30 + 40 * MathF.Abs(MathF.Sin(i * 0.2f)));
        profile.Rebuild(5000, 40);
        var random = new Random(7);
        for (int k = 0; k < 200; k++)
        {
            double from = random.NextDouble(), to = random.NextDouble();
            double reference = SpeedProfile.SecondsBetween(profile.Bins, from, to, 5000, 40);
            Assert.Equal(reference, profile.SecondsBetween(from, to, 5000, 40), 1e-3 * reference + 1e-3);
        }
        Assert.Equal(SpeedProfile.SecondsBetween(profile.Bins, 0.3, 0.2999999, 5000, 40), profile.LapSeconds, 1e-3);
    }

    [Fact]
    public void SpeedProfile_UnlearnedBins_UseTheFallback()
    {
        Assert.Equal(50, SpeedProfile.SecondsBetween(new float[100], 0.0, 0.5, 5000, 50), 6);
    }

    [Fact]
    public void PitCallTimer_StatesFollowTheTimeToTheCallPoint()
    {
        var profile = new SpeedProfile(100);
        for (int i = 0; i < 100; i++) profile.Learn((i + 0.5f) / 100, 50);
        // Entry at 90 %, call 250 m earlier (85 %), 3 s buffer, amber under 20 s, red under 8 s.
        var timer = new PitCallTimer(profile, 0.9, 250, 3, 20, 8);
        timer.Update(0.5f, 5000, 50);
        Assert.Equal(0.85, timer.CallPointPct, 9);
        Assert.Equal(32, timer.SecondsToCallPoint, 3); // 1750 m / 50 m/s - 3 s
        Assert.Equal(PitCallState.Green, timer.State);
        timer.Update(0.7f, 5000, 50);
        Assert.Equal(PitCallState.Amber, timer.State);
        timer.Update(0.8f, 5000, 50);
        Assert.Equal(PitCallState.Red, timer.State);
        timer.Update(0.84f, 5000, 50);
        Assert.Equal(PitCallState.LockedOut, timer.State); // inside the safety buffer
        timer.Update(0.87f, 5000, 50);
        Assert.Equal(PitCallState.LockedOut, timer.State); // past the call point
        timer.Update(0.95f, 5000, 50);
        Assert.Equal(PitCallState.Green, timer.State); // next lap's call point is far away
    }

    [Fact]
    public void PitCallTimer_UnknownEntry_HasNoTime()
    {
        var timer = new PitCallTimer(new SpeedProfile(100), null, 250, 3, 20, 8);
        timer.Update(0.5f, 5000, 50);
        Assert.False(timer.HasPitEntry);
        Assert.True(double.IsNaN(timer.SecondsToCallPoint));
        timer.LearnPitEntry(0.9f);
        timer.Update(0.5f, 5000, 50);
        Assert.True(timer.HasPitEntry);
    }

    [Fact]
    public void Rejoin_CarsCloserThanTheLossPassThePlayer()
    {
        float[] behind = [2, 5, 12, 30];
        var r = RejoinEstimator.Estimate(behind, position: 4, gapAhead: 3, loss: 20);
        Assert.Equal(7, r.Position);
        Assert.Equal(8, r.GapAhead, 6);   // 20 - 12: behind the third car passed
        Assert.Equal(10, r.GapBehind, 6); // 30 - 20
    }

    [Fact]
    public void Rejoin_NobodyCloseEnough_KeepsPosition()
    {
        var r = RejoinEstimator.Estimate([25f], 3, 4, 20);
        Assert.Equal(3, r.Position);
        Assert.Equal(24, r.GapAhead, 6);
        Assert.Equal(5, r.GapBehind, 6);
    }

    [Fact]
    public void Rejoin_LearnsTheLossFromInLapAndOutLap()
    {
        var rejoin = new RejoinEstimator();
        Assert.Equal(RejoinEstimator.DefaultLoss(5), rejoin.PitLaneLoss(5));
        rejoin.OnLap(new LapRecord(5, 300, 70, 2, LapFlags.InLap), 60);
        rejoin.OnLap(new LapRecord(6, 375, 75, 2, LapFlags.OutLap), 60);
        Assert.Equal(25, rejoin.PitLaneLoss(5), 6);
        Assert.Equal(1, rejoin.StopsLearned);
    }

    [Fact]
    public void PaceTracker_TrendIsTheSlopeOfTheWindow_AndPersonalBestSurvivesSessions()
    {
        var pace = new PaceTracker(5);
        double t = 0;
        foreach (double lap in new[] { 60.0, 60.3, 60.6, 60.9 }) pace.OnLap(new LapRecord(1, t += lap, lap, 2, LapFlags.None));
        Assert.Equal(0.3, pace.Trend, 9);
        Assert.Equal(60, pace.BestLap);
        Assert.Equal(60.45, pace.RollingAverage, 9);
        Assert.Equal(0.9, pace.DeltaToBest, 9);
        pace.ResetSession();
        Assert.True(double.IsNaN(pace.BestLap));
        Assert.Equal(60, pace.PersonalBest);
        pace.OnLap(new LapRecord(1, 59.5, 59.5, 2, LapFlags.None));
        Assert.True(pace.LastWasPersonalBest);
    }

    [Fact]
    public void PaceTracker_OutLapsAndYellowLaps_StayOutOfTheAverage()
    {
        var pace = new PaceTracker(5);
        pace.OnLap(new LapRecord(1, 90, 90, 2, LapFlags.OutLap));
        pace.OnLap(new LapRecord(2, 150, 60, 2, LapFlags.None));
        pace.OnLap(new LapRecord(3, 230, 80, 2, LapFlags.Yellow));
        Assert.Equal(60, pace.RollingAverage);
        Assert.Equal(80, pace.LastLap);
    }

    [Fact]
    public void PaceTracker_ALapFarOffTheBest_IsNotPace()
    {
        // A 5:32 among 4:05s (a slow zone, a problem): it is the last lap, but not part of the trend.
        var pace = new PaceTracker(5);
        double t = 0;
        foreach (double lap in new[] { 245.0, 245.5, 246.0, 246.5 }) pace.OnLap(new LapRecord(1, t += lap, lap, 2, LapFlags.None));
        double trend = pace.Trend;
        pace.OnLap(new LapRecord(5, t += 332, 332, 2, LapFlags.None));
        Assert.Equal(332, pace.LastLap);
        Assert.False(pace.LastLapInWindow);
        Assert.Equal(4, pace.WindowLaps);
        Assert.Equal(trend, pace.Trend, 9);
        pace.OnLap(new LapRecord(6, t += 246, 246, 2, LapFlags.None));
        Assert.True(pace.LastLapInWindow);
    }

    [Fact]
    public void FuelModel_AveragesCleanLapsOnly_OverTheWindow()
    {
        var fuel = new FuelModel(3);
        Assert.False(fuel.OnLap(new LapRecord(1, 60, 60, 5.0f, LapFlags.OutLap)));
        Assert.False(fuel.OnLap(new LapRecord(2, 120, 60, 1.0f, LapFlags.Yellow)));
        Assert.False(fuel.OnLap(new LapRecord(3, 180, 60, -40f, LapFlags.Reset)));
        Assert.False(fuel.OnLap(new LapRecord(4, 240, 60, 3.0f, LapFlags.InLap)));
        Assert.True(double.IsNaN(fuel.PerLap));
        foreach (float used in new[] { 2.0f, 2.2f, 2.4f, 2.6f }) Assert.True(fuel.OnLap(new LapRecord(5, 300, 60, used, LapFlags.None)));
        Assert.Equal(2.4, fuel.PerLap, 5);      // window of 3: 2.2, 2.4, 2.6
        Assert.Equal(2.4, fuel.PerMinute, 5);   // 60 s laps
    }

    [Fact]
    public void LapRecorder_PlaceholderAndTow_SpoilTheLapButNeverFakeARefuel()
    {
        var f = new TelemetryFrame { Available = TelemetryChannels.PlayerTrackSurface | TelemetryChannels.LapCompleted };
        var laps = new LapRecorder();
        void Tick(double t, int completed, float pct, float fuel, TrackSurface surface = TrackSurface.OnTrack)
        {
            f.SessionTime = t; f.LapCompleted = completed; f.Lap = completed + 1; f.LapDistPct = pct; f.FuelLevel = fuel; f.PlayerTrackSurface = surface;
            laps.Update(f);
        }
        Tick(0, 0, 0, 75, TrackSurface.NotInWorld);              // placeholder record: ignored
        Assert.False(laps.InWorld);
        Tick(1, 3, 0.9f, 40);
        Tick(11, 4, 0.05f, 39.5f);                              // first crossing: the lap was partial
        Assert.True(laps.CompletedThisTick);
        Assert.True(laps.LastLap.Flags.HasFlag(LapFlags.Partial));
        Tick(60, 4, 0.95f, 37.6f);
        Tick(63, 5, 0.01f, 37.5f);                              // a whole clean lap
        Assert.True(laps.LastLap.IsClean);
        Assert.Equal(2.0f, laps.LastLap.FuelUsed, 3);
        Tick(70, 0, 0, 75, TrackSurface.NotInWorld);              // tow: placeholder, fuel "full"
        Tick(71, 5, 0.04f, 75);                                 // back in the world with a full tank
        Assert.True(laps.ResetThisTick);
        Tick(120, 5, 0.99f, 73.2f);
        Tick(121, 6, 0.01f, 73.1f);
        Assert.True(laps.LastLap.Flags.HasFlag(LapFlags.Reset));
    }

    [Fact]
    public void LapRecorder_Version1Placeholder_LapZeroAtZeroPercent_IsSkipped()
    {
        var f = new TelemetryFrame { Available = TelemetryChannels.None, Lap = 0, LapDistPct = 0, FuelLevel = 43.3f, SessionTime = 1 };
        Assert.True(LapRecorder.IsPlaceholder(f));
        f.Lap = 172; f.LapDistPct = 0.133f; f.OnPitRoad = true;
        Assert.False(LapRecorder.IsPlaceholder(f));
    }

    [Fact]
    public void RivalPitModel_ProbabilityRisesThroughTheFuelWindow()
    {
        Assert.Equal(0.5, RivalPitModel.Probability(18, 20, 60, 60), 9);
        Assert.True(RivalPitModel.Probability(10, 20, 60, 60) < 0.01);
        Assert.True(RivalPitModel.Probability(20, 20, 60, 60) > 0.85);
        Assert.True(RivalPitModel.Probability(16, 20, 63, 60) > RivalPitModel.Probability(16, 20, 60, 60));
        Assert.Equal(0, RivalPitModel.Probability(19, double.NaN, 60, 60));
    }

    [Fact]
    public void GapTracker_TimeGap_UsesEstTimeAndWholeLaps()
    {
        Assert.Equal(3, GapTracker.TimeGap(0.05, 33, 30, 60), 6);
        Assert.Equal(63, GapTracker.TimeGap(1.05, 33, 30, 60), 6);
        // EstTime absent: by distance.
        Assert.Equal(3, GapTracker.TimeGap(0.05, 0, 0, 60), 6);
    }
}
