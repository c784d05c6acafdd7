namespace CrewChief.Tests.Logging;

public class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_AreNearestRank()
    {
        var h = new CrewChief.Pipeline.LatencyHistogram("x");
        for (int i = 1; i <= 100; i++) h.Record(i);
        Assert.Equal(50, h.Percentile(50));
        Assert.Equal(95, h.Percentile(95));
        Assert.Equal(100, h.Percentile(100));
        Assert.True(double.IsNaN(new CrewChief.Pipeline.LatencyHistogram("e").Percentile(50)));
    }
}
