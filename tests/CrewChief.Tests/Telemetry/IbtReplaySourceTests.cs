using CrewChief.Telemetry;

namespace CrewChief.Tests.Telemetry;

public class IbtReplaySourceTests
{
    [Theory]
    [MemberData(nameof(TelemetryFiles.IbtNames), MemberType = typeof(TelemetryFiles))]
    public void EveryIbt_ReadsToTheEnd_WithPlausibleValues(string name)
    {
        string path = TelemetryFiles.IbtPath(name);
        using var source = new IbtReplaySource(path, IbtReplaySource.AsFastAsPossible);
        Assert.Equal(IrsdkLayoutKind.Disk, source.Layout.Kind);
        Assert.NotNull(source.SessionInfo);
        Assert.NotEmpty(source.SessionInfo!.Drivers);
        var frame = new TelemetryFrame();
        int frames = 0;
        double lastTime = double.MinValue;
        while (source.TryRead(frame, 0) == TelemetryReadStatus.NewFrame)
        {
            frames++;
            Assert.True(frame.InWorld);
            Assert.InRange(frame.Speed, 0f, 150f);
            Assert.InRange(frame.FuelLevel, 0f, 300f);
            Assert.True(frame.SessionTime >= lastTime, "SessionTime runs forward");
            lastTime = frame.SessionTime;
        }
        Assert.Equal(TelemetryReadStatus.EndOfData, source.TryRead(frame, 0));
        Assert.Equal(source.RecordCount, source.RecordsRead);
        Assert.Equal(frames, source.InWorldRecords);
        Assert.Equal(source.RecordCount, source.InWorldRecords + source.PlaceholderRecords);
        // The data runs exactly to the end of the file.
        long expectedLength = source.Layout.FirstRecordOffset + (long)source.RecordCount * source.Layout.Header.BufferLength;
        Assert.Equal(new FileInfo(path).Length, expectedLength);
    }

    [Fact]
    public void AmgSebring_MidFileReset_IsSkipped_AndNeverLooksLikeALapReset()
    {
        using var source = new IbtReplaySource(TelemetryFiles.IbtPath("amg-gt4_sebring.ibt"), IbtReplaySource.AsFastAsPossible);
        var frame = new TelemetryFrame();
        var delivered = new List<int>();
        while (source.TryRead(frame, 0) == TelemetryReadStatus.NewFrame)
        {
            delivered.Add(frame.RecordIndex);
            Assert.Equal(8, frame.Lap);
            Assert.NotEqual(TrackSurface.NotInWorld, frame.PlayerTrackSurface);
        }
        Assert.Equal(2683, source.RecordCount);
        Assert.Equal(2, source.PlaceholderRecords);
        Assert.Equal(2681, source.InWorldRecords);
        Assert.DoesNotContain(0, delivered);
        Assert.DoesNotContain(2405, delivered);
        Assert.Contains(2404, delivered);
        Assert.Contains(2406, delivered);
    }

    [Fact]
    public void FileStartingWithPlaceholders_FirstFrameIsInTheWorld()
    {
        using var source = new IbtReplaySource(TelemetryFiles.IbtPath("silverado-truck_bristol.ibt"), IbtReplaySource.AsFastAsPossible);
        var frame = new TelemetryFrame();
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        Assert.Equal(1, frame.RecordIndex);
        Assert.Equal(170, frame.Lap);
        Assert.Equal(TrackSurface.InPitStall, frame.PlayerTrackSurface);
        Assert.Equal(1, source.PlaceholderRecords);
    }

    [Fact]
    public void SkipPlaceholdersOff_DeliversEveryRecord()
    {
        using var source = new IbtReplaySource(TelemetryFiles.IbtPath("amg-gt4_sebring.ibt"), IbtReplaySource.AsFastAsPossible, skipPlaceholders: false);
        var frame = new TelemetryFrame();
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        Assert.Equal(0, frame.RecordIndex);
        Assert.False(frame.InWorld);
        Assert.Equal(0, frame.Lap);
        Assert.Equal(75f, frame.FuelLevel);
    }

    [Fact]
    public void HeaderVersion1_Works_WithMissingVariablesDegraded()
    {
        using var source = new IbtReplaySource(TelemetryFiles.IbtPath("tour-modified_martinsville_2015.ibt"), IbtReplaySource.AsFastAsPossible);
        Assert.Equal(1, source.Layout.Header.Version);
        var available = source.Decoder.Available;
        Assert.False(available.HasFlag(TelemetryChannels.FuelUsePerHour));
        Assert.False(available.HasFlag(TelemetryChannels.SessionFlags));
        Assert.False(available.HasFlag(TelemetryChannels.PlayerCarIdx));
        Assert.False(available.HasFlag(TelemetryChannels.SessionLapsRemainEx));
        Assert.False(available.HasFlag(TelemetryChannels.LapCompleted));
        Assert.False(available.HasFlag(TelemetryChannels.PlayerTrackSurface));
        Assert.False(available.HasFlag(TelemetryChannels.CarIdx));
        Assert.True(available.HasFlag(TelemetryChannels.TyreWear));
        Assert.True(available.HasFlag(TelemetryChannels.TyreTemps));

        var frame = new TelemetryFrame();
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        // Record 0 is the placeholder (Lap 0, LapDistPct 0, Speed 0): recognised without PlayerTrackSurface.
        Assert.Equal(1, frame.RecordIndex);
        Assert.Equal(31, frame.Lap);
        Assert.Equal(30, frame.LapCompleted);
        Assert.Equal(0f, frame.FuelUsePerHour);
        Assert.Equal(source.SessionInfo!.PlayerCarIdx, frame.PlayerCarIdx);
        Assert.Equal(1, source.PlaceholderRecords);
    }

    [Fact]
    public void NewerFile_HasTheModernGroups_ButNoCarIdx()
    {
        using var source = new IbtReplaySource(TelemetryFiles.IbtPath("amg-gt4_sebring.ibt"), IbtReplaySource.AsFastAsPossible);
        var a = source.Decoder.Available;
        foreach (var flag in new[] { TelemetryChannels.FuelUsePerHour, TelemetryChannels.SessionFlags, TelemetryChannels.PlayerCarIdx,
                     TelemetryChannels.LapCompleted, TelemetryChannels.PlayerTrackSurface, TelemetryChannels.TyreWear,
                     TelemetryChannels.Accelerations, TelemetryChannels.Position, TelemetryChannels.LapTimes, TelemetryChannels.Temperatures })
            Assert.True(a.HasFlag(flag), flag.ToString());
        Assert.False(a.HasFlag(TelemetryChannels.CarIdx));
        Assert.False(a.HasFlag(TelemetryChannels.CarLeftRight));
    }

    [Fact]
    public void Paced_NextRecordFurtherThanTimeout_ReportsNoNewData()
    {
        // 0.001× speed: records are 16.7 s apart, so a 0 ms wait never reaches the second one.
        using var source = new IbtReplaySource(TelemetryFiles.IbtPath("audi-r8-gt3_indianapolis-road.ibt"), 0.001);
        var frame = new TelemetryFrame();
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        Assert.Equal(TelemetryReadStatus.NoNewData, source.TryRead(frame, 0));
        Assert.Equal(1, source.RecordsRead);
    }

    [Fact]
    public void LiveDump_IsRejectedByTheReplaySource()
    {
        string path = TelemetryFiles.LivePath("skipbarber_longbeach.bin");
        var e = Assert.Throws<InputException>(() => new IbtReplaySource(path));
        Assert.StartsWith(path, e.Message);
    }
}
