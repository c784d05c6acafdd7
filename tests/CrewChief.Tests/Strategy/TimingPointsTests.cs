using CrewChief.Strategy;

namespace CrewChief.Tests.Strategy;

/// <summary>Gaps as a timing screen measures them: between two cars' crossings of the same point.</summary>
public class TimingPointsTests
{
    /// <summary>Drives car <paramref name="car"/> from <paramref name="from"/> laps at <paramref name="lapsPerSecond"/>, sampled every <paramref name="dt"/> s.</summary>
    private static void Drive(TimingPoints points, int car, double from, double lapsPerSecond, double t0, double t1, double dt = 0.25)
    {
        for (double t = t0; t <= t1 + 1e-9; t += dt) points.Record(car, from + lapsPerSecond * (t - t0), t);
    }

    [Fact]
    public void Gap_IsTheTimeBetweenCrossings_NotTheDistanceAtTheLeadersPace()
    {
        var points = new TimingPoints();
        // Both at 100 s a lap, the car ahead 0.05 lap up the road: 5 s.
        for (double t = 0; t <= 30; t += 0.25)
        {
            points.Record(1, 0.05 + t / 100, t);
            points.Record(0, t / 100, t);
        }
        Assert.Equal(5, points.Gap(lead: 1, trail: 0), 1);
        Assert.Equal(5, points.RoadGap(lead: 1, trail: 0), 1);
    }

    [Fact]
    public void Gap_BehindASafetyCar_IsTheTimeNotTheDistance()
    {
        // At a third of race pace 0.02 lap apart is 6 s, not the 2 s the distance is worth at a 100 s lap.
        var points = new TimingPoints();
        for (double t = 0; t <= 40; t += 0.25)
        {
            points.Record(1, 0.02 + t / 300, t);
            points.Record(0, t / 300, t);
        }
        Assert.Equal(6, points.Gap(1, 0), 1);
    }

    [Fact]
    public void ACarThatJumpsOrGoesBack_RecordsNothingInvented()
    {
        var points = new TimingPoints();
        Drive(points, 0, 0, 0.01, 0, 5);
        int before = points.LastPoint(0);
        points.Record(0, 0.6, 5.25);   // a jump (tow, reset): no crossings in between
        Assert.Equal(before, points.LastPoint(0));
        Assert.False(points.TryGet(0, 10, out _));
        points.Record(0, 0.3, 5.5);    // back: ignored until it is past where it was
        Assert.Equal(before, points.LastPoint(0));
    }

    [Fact]
    public void Gap_UnknownWithoutCommonCrossings_IsNaN()
    {
        var points = new TimingPoints();
        Drive(points, 0, 0, 0.01, 0, 2);
        Assert.True(double.IsNaN(points.Gap(1, 0)));
        points.Clear();
        Assert.Equal(-1, points.LastPoint(0));
    }
}
