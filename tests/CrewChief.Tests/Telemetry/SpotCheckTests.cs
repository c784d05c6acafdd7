using CrewChief.Telemetry;

namespace CrewChief.Tests.Telemetry;

/// <summary>
/// Values the independent reader tests/tools/irsdk_spotcheck.py (stdlib struct only) printed for these records.
/// The C# reader must agree within 1e-4.
/// </summary>
public class SpotCheckTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string, int, double, double, int, double> IbtRecords => new()
    {
        { "amg-gt4_sebring.ibt", 0, 0.0, 75.0, 0, 2252.2999918631795 },
        { "amg-gt4_sebring.ibt", 1, 0.005033158231526613, 75.0, 8, 2252.3166585298463 },
        { "amg-gt4_sebring.ibt", 1000, 36.8985595703125, 74.67821502685547, 8, 2268.9666585300583 },
        { "amg-gt4_sebring.ibt", 2404, 0.0005317693576216698, 74.30104064941406, 8, 2292.3666585303563 },
        { "amg-gt4_sebring.ibt", 2405, 0.0, 75.0, 0, 2292.383325197023 },
        { "amg-gt4_sebring.ibt", 2406, 0.0057344320230185986, 75.0, 8, 2292.39999186369 },
        { "amg-gt4_sebring.ibt", 2682, 9.518938895780593e-06, 74.99760437011719, 8, 2297.016658530415 },
        { "silverado-truck_bristol.ibt", 1, 0.11322644352912903, 70.75333404541016, 170, 6097.050001521313 },
        { "silverado-truck_bristol.ibt", 1500, 49.9959716796875, 70.08760833740234, 171, 6122.05000152095 },
        { "silverado-truck_bristol.ibt", 3445, 0.012722739018499851, 69.28855895996094, 173, 6154.466668187145 },
        { "skmodified_langley_2015-05-28_14-50-46.ibt", 1, 0.02266526035964489, 43.30706787109375, 183, 4461.600000273524 },
        { "skmodified_langley_2015-05-28_14-50-46.ibt", 2500, 43.98014831542969, 42.726200103759766, 185, 4503.283333606252 },
        { "skmodified_langley_2015-05-28_14-50-46.ibt", 5475, 0.0017063252162188292, 42.949649810791016, 187, 4552.883333605531 },
        { "tour-modified_martinsville_2015.ibt", 0, 0.0, 59.0547981262207, 0, 4070.233398449756 },
        { "tour-modified_martinsville_2015.ibt", 3000, 53.73609161376953, 58.178714752197266, 33, 4120.250065116397 },
        { "mercedes-w13_redbullring.ibt", 0, 0.04754703864455223, 60.0, 9, 932.000000635264 },
        { "mercedes-w13_redbullring.ibt", 389, 2.2333006199914962e-05, 59.99668502807617, 9, 938.4833339685914 },
        { "audi-r8-gt3_indianapolis-road.ibt", 22, 1.3339389562606812, 42.58762741088867, 4, 452.23333307893756 },
    };

    [Theory]
    [MemberData(nameof(IbtRecords))]
    public void IbtRecord_MatchesIndependentReader(string name, int record, double speed, double fuel, int lap, double sessionTime)
    {
        using var source = new IbtReplaySource(TelemetryFiles.IbtPath(name), IbtReplaySource.AsFastAsPossible, skipPlaceholders: false);
        var frame = new TelemetryFrame();
        source.Decoder.Decode(source.Layout.Record(ReadAll(source.Path), record), frame);
        Assert.Equal(speed, frame.Speed, Tolerance);
        Assert.Equal(fuel, frame.FuelLevel, Tolerance);
        Assert.Equal(lap, frame.Lap);
        Assert.Equal(sessionTime, frame.SessionTime, Tolerance);
    }

    [Fact]
    public void IbtRecords_ThroughTryRead_MatchTheSameValues()
    {
        using var source = new IbtReplaySource(TelemetryFiles.IbtPath("silverado-truck_bristol.ibt"), IbtReplaySource.AsFastAsPossible);
        var frame = new TelemetryFrame();
        while (source.TryRead(frame, 0) == TelemetryReadStatus.NewFrame && frame.RecordIndex < 1500) { }
        Assert.Equal(1500, frame.RecordIndex);
        Assert.Equal(49.9959716796875, frame.Speed, Tolerance);
        Assert.Equal(70.08760833740234, frame.FuelLevel, Tolerance);
        Assert.Equal(171, frame.Lap);
        Assert.Equal(6122.05000152095, frame.SessionTime, Tolerance);
    }

    [Fact]
    public void LiveLongBeach_NewestBuffer_CarIdxArrays_AndBitfieldCarLeftRight()
    {
        using var source = new LiveMapSource(TelemetryFiles.LivePath("skipbarber_longbeach.bin"), parseSessionInfoInBackground: false);
        var frame = new TelemetryFrame();
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        Assert.Equal(1934, frame.TickCount);
        Assert.Equal(-1, frame.RecordIndex);
        Assert.Equal(17.387428283691406, frame.Speed, Tolerance);
        Assert.Equal(15.72143840789795, frame.FuelLevel, Tolerance);
        Assert.Equal(0, frame.Lap);
        Assert.Equal(2441.2499837243663, frame.SessionTime, Tolerance);
        Assert.Equal(IrsdkVarType.Bitfield, Declared(source, "CarLeftRight"));
        Assert.Equal(CarLeftRight.Clear, frame.CarLeftRight);
        Assert.True(frame.Available.HasFlag(TelemetryChannels.CarIdx));
        Assert.True(frame.Available.HasFlag(TelemetryChannels.CarLeftRight));

        Assert.Equal(3, frame.CarIdxLap[0]);
        Assert.Equal(0.2869066298007965, frame.CarIdxLapDistPct[0], Tolerance);
        Assert.Equal(TrackSurface.OnTrack, frame.CarIdxTrackSurface[0]);
        Assert.Equal(1, frame.CarIdxPosition[0]);
        Assert.Equal(3, frame.CarIdxLap[1]);
        Assert.Equal(0.2940559983253479, frame.CarIdxLapDistPct[1], Tolerance);
        Assert.Equal(2, frame.CarIdxPosition[1]);
        Assert.Equal(-1, frame.CarIdxLap[2]);
        Assert.Equal(TrackSurface.NotInWorld, frame.CarIdxTrackSurface[5]);
        Assert.Equal(0, frame.CarIdxLap[63]);
        Assert.Equal(0.09304025024175644, frame.CarIdxLapDistPct[63], Tolerance);
        Assert.Equal(TrackSurface.ApproachingPits, frame.CarIdxTrackSurface[63]);
        Assert.True(frame.CarIdxOnPitRoad[63]);
        Assert.False(frame.CarIdxOnPitRoad[0]);
        Assert.Equal(63, frame.PlayerCarIdx);
        Assert.Equal(63, source.SessionInfo!.PlayerCarIdx);
    }

    [Fact]
    public void LiveMonza_IntCarLeftRight_NotInCar()
    {
        using var source = new LiveMapSource(TelemetryFiles.LivePath("mercedes-w13_monza_not-in-car.bin"), parseSessionInfoInBackground: false);
        var frame = new TelemetryFrame();
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        Assert.Equal(2005, frame.TickCount);
        Assert.Equal(IrsdkVarType.Int, Declared(source, "CarLeftRight"));
        Assert.Equal(CarLeftRight.Off, frame.CarLeftRight);
        Assert.Equal(53.14999923705867, frame.SessionTime, Tolerance);
        Assert.Equal(0f, frame.Speed);
        Assert.False(frame.InWorld);
        Assert.Equal(-1, frame.CarIdxLap[0]);
        Assert.Equal(-1f, frame.CarIdxLapDistPct[63]);
    }

    [Fact]
    public void LiveInterlagosVer1_DecodesWhatItHas()
    {
        using var source = new LiveMapSource(TelemetryFiles.LivePath("rt2000_interlagos_ver1.bin"), parseSessionInfoInBackground: false);
        var frame = new TelemetryFrame();
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        Assert.Equal(1, source.Layout!.Header.Version);
        Assert.Equal(373181, frame.TickCount);
        Assert.Equal(0.043809693306684494, frame.Speed, Tolerance);
        Assert.Equal(15, frame.Lap);
        Assert.Equal(1772.3133138020833, frame.SessionTime, Tolerance);
        Assert.Equal(0, frame.CarIdxLap[0]);
        Assert.Equal(0.07400376349687576, frame.CarIdxLapDistPct[0], Tolerance);
        Assert.Equal(TrackSurface.ApproachingPits, frame.CarIdxTrackSurface[0]);
        Assert.False(frame.Available.HasFlag(TelemetryChannels.CarLeftRight));
        Assert.Equal(CarLeftRight.Off, frame.CarLeftRight);
        // No CarIdxPosition in this build: zeros, not stale values.
        Assert.All(frame.CarIdxPosition, p => Assert.Equal(0, p));
        Assert.Equal(6, frame.PlayerCarIdx);
    }

    [Fact]
    public void LiveWatkinsGlen_Values()
    {
        using var source = new LiveMapSource(TelemetryFiles.LivePath("skipbarber_watkinsglen_2017.bin"), parseSessionInfoInBackground: false);
        var frame = new TelemetryFrame();
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        Assert.Equal(116236, frame.TickCount);
        Assert.Equal(50.160247802734375, frame.Speed, Tolerance);
        Assert.Equal(8, frame.Lap);
        Assert.Equal(1115.2465983072916, frame.SessionTime, Tolerance);
        Assert.Equal(8, frame.CarIdxLap[0]);
        Assert.Equal(0.014256579801440239, frame.CarIdxLapDistPct[0], Tolerance);
    }

    private static IrsdkVarType Declared(LiveMapSource source, string name)
    {
        Assert.True(source.Layout!.Variables.TryGet(name, out var h), name);
        return h.Type;
    }

    private static byte[] ReadAll(string path) => File.ReadAllBytes(path);
}
