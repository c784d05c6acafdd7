using CrewChief.Demo;

namespace CrewChief.Tests.Demo;

public sealed class DemoTrackTests
{
    [Fact]
    public void LimeRock_ProfileLapsInTheReferenceTime_AtGt3Speeds()
    {
        var track = DemoTrack.LimeRock;
        Assert.Equal("limerock 2019 gp", track.TrackName);
        Assert.Equal(track.ReferenceLapTime, track.EstTimeAt(1f), 0.05f);
        float min = float.MaxValue, max = 0;
        for (int i = 0; i <= 1000; i++)
        {
            float v = track.ReferenceSpeedAt(i / 1000f);
            min = MathF.Min(min, v);
            max = MathF.Max(max, v);
            if (i > 0) Assert.True(track.EstTimeAt(i / 1000f) > track.EstTimeAt((i - 1) / 1000f));
        }
        Assert.InRange(max * 3.6f, 215f, 250f);   // front straight
        Assert.InRange(min * 3.6f, 75f, 100f);    // Left Hander
        Assert.Equal(6, track.Corners.Length);
        foreach (var corner in track.Corners)
        {
            Assert.Equal(Array.IndexOf(track.Corners.ToArray(), corner), track.CornerAt(corner.ApexPct));
            Assert.False(track.IsPassingZone(corner.ApexPct), $"{corner.Name} is not a passing zone");
        }
        Assert.True(track.PitEntryPct > 0.9f && track.PitExitPct < 0.1f && track.PitStallPct < track.PitExitPct);
    }
}
