using CrewChief.Telemetry;

namespace CrewChief.Tests.Telemetry;

/// <summary>
/// Every frame field at one .ibt record and one live buffer, against tests/tools/irsdk_spotcheck.py: checks the
/// conversions per declared type (double, int, bitfield, bool, float) and the tyre slot layout.
/// </summary>
public class EveryFieldTests
{
    private const float Tol = 1e-4f;

    [Fact]
    public void AmgSebringRecord1000_EveryField()
    {
        using var source = new IbtReplaySource(TelemetryFiles.IbtPath("amg-gt4_sebring.ibt"), IbtReplaySource.AsFastAsPossible);
        var f = new TelemetryFrame();
        while (source.TryRead(f, 0) == TelemetryReadStatus.NewFrame && f.RecordIndex < 1000) { }
        Assert.Equal(1000, f.RecordIndex);
        Assert.Equal(2268.9666585300583, f.SessionTime, 1e-9);
        Assert.Equal(142903, f.SessionTick);
        Assert.Equal(0, f.SessionNum);
        Assert.Equal(SessionState.Racing, f.SessionState);
        Assert.Equal((SessionFlags)268697600u, f.SessionFlags);
        Assert.True(f.SessionFlags.HasFlag(SessionFlags.StartHidden));
        Assert.Equal(8531.050008136608, f.SessionTimeRemain, 1e-9);
        Assert.Equal(32767, f.SessionLapsRemainEx);
        Assert.True(f.IsOnTrack);
        Assert.True(f.IsOnTrackCar);
        Assert.Equal(TrackSurface.OnTrack, f.PlayerTrackSurface);
        Assert.Equal(4, f.PlayerCarIdx);
        Assert.Equal(4, f.PlayerCarPosition);
        Assert.Equal(4, f.PlayerCarClassPosition);
        Assert.Equal(1, f.PlayerCarMyIncidentCount);
        Assert.Equal(8, f.Lap);
        Assert.Equal(7, f.LapCompleted);
        Assert.Equal(528.0521240234375f, f.LapDist, Tol);
        Assert.Equal(0.09114165604114532f, f.LapDistPct, Tol);
        Assert.Equal(262.01226806640625f, f.LapCurrentLapTime, Tol);
        Assert.Equal(131.64390563964844f, f.LapLastLapTime, Tol);
        Assert.Equal(130.8341064453125f, f.LapBestLapTime, Tol);
        Assert.Equal(0f, f.LapDeltaToBestLap);
        Assert.Equal(36.8985595703125f, f.Speed, Tol);
        Assert.Equal(5340.73388671875f, f.Rpm, Tol);
        Assert.Equal(3, f.Gear);
        Assert.Equal(0.5810109972953796f, f.Throttle, Tol);
        Assert.Equal(0f, f.Brake);
        Assert.Equal(0.08159418404102325f, f.SteeringWheelAngle, Tol);
        Assert.Equal(11.479530334472656f, f.LatAccel, Tol);
        Assert.Equal(2.260254144668579f, f.LongAccel, Tol);
        Assert.Equal(10.335506439208984f, f.VertAccel, Tol);
        Assert.Equal(74.67821502685547f, f.FuelLevel, Tol);
        Assert.Equal(0.9957094788551331f, f.FuelLevelPct, Tol);
        Assert.Equal(57.05448913574219f, f.FuelUsePerHour, Tol);
        Assert.False(f.OnPitRoad);
        Assert.Equal(EngineWarnings.None, f.EngineWarnings);
        Assert.Equal(CarLeftRight.Off, f.CarLeftRight);
        Assert.Equal(24.444673538208008f, f.AirTemp, Tol);
        Assert.Equal(27.22222900390625f, f.TrackTemp, Tol);
        Assert.Equal(89.0145263671875f, f.TyreTemp[3 * (int)TyreCorner.LeftFront], Tol);
        Assert.Equal(73.90579223632812f, f.TyreTemp[3 * (int)TyreCorner.RightRear + 2], Tol);
        Assert.Equal(0.8734534978866577f, f.TyreWear[3 * (int)TyreCorner.LeftFront], Tol);
        Assert.Equal(0.9475838541984558f, f.TyreWear[3 * (int)TyreCorner.RightRear + 2], Tol);
        Assert.Equal(0, source.Layout.Header.SessionInfoUpdate);
        Assert.Equal(1000, f.TickCount);
    }

    [Fact]
    public void LiveLongBeach_EveryField()
    {
        using var source = new LiveMapSource(TelemetryFiles.LivePath("skipbarber_longbeach.bin"), parseSessionInfoInBackground: false);
        var f = new TelemetryFrame();
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(f, 0));
        Assert.Equal(2441.2499837243663, f.SessionTime, 1e-9);
        Assert.Equal(48445, f.SessionTick);
        Assert.Equal(SessionState.Racing, f.SessionState);
        Assert.Equal(SessionFlags.StartHidden, f.SessionFlags);
        Assert.Equal(4758.7666829423, f.SessionTimeRemain, 1e-9);
        Assert.Equal(TrackSurface.ApproachingPits, f.PlayerTrackSurface);
        Assert.Equal(63, f.PlayerCarIdx);
        Assert.Equal(-1, f.LapCompleted);
        Assert.Equal(292.5407409667969f, f.LapDist, Tol);
        Assert.Equal(4142.62353515625f, f.Rpm, Tol);
        Assert.Equal(1, f.Gear);
        Assert.Equal(1f, f.Throttle);
        Assert.Equal(-3.2323246002197266f, f.SteeringWheelAngle, Tol);
        Assert.Equal(-12.596096992492676f, f.LatAccel, Tol);
        Assert.Equal(8.614166259765625f, f.VertAccel, Tol);
        Assert.Equal(0.7966945171356201f, f.FuelLevelPct, Tol);
        Assert.Equal(18.11598014831543f, f.FuelUsePerHour, Tol);
        Assert.True(f.OnPitRoad);
        Assert.Equal(EngineWarnings.PitSpeedLimiter | EngineWarnings.RevLimiterActive, f.EngineWarnings);
        Assert.Equal(CarLeftRight.Clear, f.CarLeftRight);
        Assert.Equal(25.948041915893555f, f.AirTemp, Tol);
        Assert.Equal(38.888885498046875f, f.TrackTemp, Tol);
        Assert.Equal(48.085235595703125f, f.TyreTemp[0], Tol);
        Assert.Equal(48.093780517578125f, f.TyreTemp[11], Tol);
        Assert.Equal(1f, f.TyreWear[0]);
        Assert.Equal(8, f.SessionInfoUpdate);
    }
}
