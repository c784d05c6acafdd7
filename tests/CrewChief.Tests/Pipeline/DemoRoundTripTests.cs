using CrewChief.Demo;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Pipeline;

public class DemoRoundTripTests
{
    [Fact]
    public void DemoMap_ReadBackByTheLiveReader_GivesTheFramesTheSimWrote()
    {
        using var host = new DemoHost(new DemoOptions { Minutes = 5 }, speed: 0);
        using var source = new LiveMapSource(host.MapPath!);
        var read = new TelemetryFrame();
        int compared = 0;
        for (int tick = 0; tick < 6000; tick++)
        {
            host.StepOnce();
            Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(read, 0));
            var w = host.Race.Frame;
            if (tick % 97 != 0) continue;
            compared++;
            Assert.Equal(w.TickCount, read.TickCount);
            Assert.Equal(w.SessionTime, read.SessionTime);
            Assert.Equal(w.SessionState, read.SessionState);
            Assert.Equal(w.SessionFlags, read.SessionFlags);
            Assert.Equal(w.Lap, read.Lap);
            Assert.Equal(w.LapDistPct, read.LapDistPct);
            Assert.Equal(w.Speed, read.Speed);
            Assert.Equal(w.FuelLevel, read.FuelLevel);
            Assert.Equal(w.OnPitRoad, read.OnPitRoad);
            Assert.Equal(w.CarLeftRight, read.CarLeftRight);
            Assert.Equal(w.PlayerTrackSurface, read.PlayerTrackSurface);
            Assert.Equal(w.PlayerCarPosition, read.PlayerCarPosition);
            Assert.Equal(w.TyreTemp, read.TyreTemp);
            Assert.Equal(w.TyreWear, read.TyreWear);
            Assert.Equal(w.CarIdxLapDistPct, read.CarIdxLapDistPct);
            Assert.Equal(w.CarIdxPosition, read.CarIdxPosition);
            Assert.Equal(w.CarIdxOnPitRoad, read.CarIdxOnPitRoad);
            Assert.Equal(w.CarIdxEstTime, read.CarIdxEstTime);
        }
        Assert.True(compared > 50);
        var info = source.SessionInfo;
        Assert.NotNull(info);
        Assert.Equal(host.Race.Track.TrackName, info.TrackName);
        Assert.Equal(DemoRace.PlayerIdx, info.PlayerCarIdx);
        Assert.Equal(DemoRace.RacingCars, info.Drivers.Count(d => !d.IsPaceCar));
    }
}
