using CrewChief.Telemetry;

namespace CrewChief.Tests.Telemetry;

public class LiveMapSourceTests
{
    private const string Yaml = "---\nWeekendInfo:\n TrackName: testtrack\n TrackDisplayName: Test Track\nDriverInfo:\n DriverCarIdx: 2\n Drivers:\n - CarIdx: 2\n   UserName: Me\n...\n";

    [Theory]
    [MemberData(nameof(TelemetryFiles.LiveNames), MemberType = typeof(TelemetryFiles))]
    public void EveryLiveDump_GivesOneFrame_ThenNoNewData(string name)
    {
        using var source = new LiveMapSource(TelemetryFiles.LivePath(name), parseSessionInfoInBackground: false);
        Assert.Equal(IrsdkLayoutKind.Live, source.Layout!.Kind);
        Assert.Equal(3, source.Layout.Header.BufferCount);
        Assert.NotNull(source.SessionInfo);
        Assert.Equal(source.Layout.Header.SessionInfoUpdate, source.SessionInfoVersion);
        var frame = new TelemetryFrame();
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        var h = source.Layout.Header;
        Assert.Equal(h.BufferTickCount(h.NewestBuffer()), frame.TickCount);
        Assert.Equal(TelemetryReadStatus.NoNewData, source.TryRead(frame, 5));
        Assert.Equal(0, source.TornReads);
    }

    [Fact]
    public void TickCountChangesDuringCopy_IsATornRead_AndTheRetryDeliversTheNewTick()
    {
        using var map = new SyntheticLiveMap(Yaml);
        map.WriteTick(0, 100, 10.0, 3, 20f, 30f);
        map.WriteTick(1, 101, 10.1, 3, 21f, 29.9f);
        map.WriteTick(2, 99, 9.9, 3, 19f, 30.1f);
        using var source = new LiveMapSource(map.Path, parseSessionInfoInBackground: false);
        bool bumped = false;
        source.AfterBufferCopy = () =>
        {
            if (bumped) return;
            bumped = true;
            // The sim rewrites buffer 1 (the newest) while we copy it.
            map.WriteTick(1, 102, 10.2, 3, 55f, 29.8f);
        };
        var frame = new TelemetryFrame();
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        Assert.Equal(1, source.TornReads);
        Assert.Equal(102, frame.TickCount);
        Assert.Equal(55f, frame.Speed);
        Assert.Equal(10.2, frame.SessionTime);
    }

    [Fact]
    public void RotatingBuffers_NewestWins_AndUnchangedMapGivesNoNewData()
    {
        using var map = new SyntheticLiveMap(Yaml);
        map.WriteTick(0, 1, 1.0, 1, 10f, 50f);
        using var source = new LiveMapSource(map.Path, parseSessionInfoInBackground: false);
        var frame = new TelemetryFrame();
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        Assert.Equal(1, frame.TickCount);
        Assert.Equal(TelemetryReadStatus.NoNewData, source.TryRead(frame, 0));

        map.WriteTick(1, 2, 1.1, 1, 11f, 49.9f, carLeftRight: (int)CarLeftRight.CarLeft);
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        Assert.Equal(2, frame.TickCount);
        Assert.Equal(11f, frame.Speed);
        Assert.Equal(CarLeftRight.CarLeft, frame.CarLeftRight);
        Assert.Equal(0.35f, frame.CarIdxLapDistPct[1], 1e-6);
        Assert.Equal(-1f, frame.CarIdxLapDistPct[40]);
        Assert.Equal(2, frame.PlayerCarIdx);  // no PlayerCarIdx variable: taken from DriverInfo.DriverCarIdx
    }

    [Fact]
    public void StatusNotConnected_ReportsNotConnected_ThenRecovers()
    {
        using var map = new SyntheticLiveMap(Yaml);
        map.WriteTick(0, 1, 1.0, 1, 10f, 50f);
        using var source = new LiveMapSource(map.Path, parseSessionInfoInBackground: false);
        var frame = new TelemetryFrame();
        map.SetStatus(0);
        Assert.Equal(TelemetryReadStatus.NotConnected, source.TryRead(frame, 0));
        map.SetStatus(1);
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
    }

    [Fact]
    public void SessionInfoUpdate_IsReparsed_WhenTheCounterChanges()
    {
        using var map = new SyntheticLiveMap(Yaml, sessionInfoUpdate: 1);
        map.WriteTick(0, 1, 1.0, 1, 10f, 50f);
        using var source = new LiveMapSource(map.Path, parseSessionInfoInBackground: false);
        Assert.Equal("Test Track", source.SessionInfo!.TrackDisplayName);
        Assert.Equal(1, source.SessionInfoVersion);
        var frame = new TelemetryFrame();
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));

        map.WriteYaml(Yaml.Replace("Test Track", "Renamed Track", StringComparison.Ordinal), sessionInfoUpdate: 2);
        map.WriteTick(1, 2, 1.1, 1, 10f, 50f);
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        Assert.Equal("Renamed Track", source.SessionInfo!.TrackDisplayName);
        Assert.Equal(2, source.SessionInfoVersion);
        Assert.Equal(2, frame.SessionInfoUpdate);
    }

    [Fact]
    public async Task SessionInfoUpdate_InBackground_EventuallyPublishes()
    {
        using var map = new SyntheticLiveMap(Yaml, sessionInfoUpdate: 1);
        map.WriteTick(0, 1, 1.0, 1, 10f, 50f);
        using var source = new LiveMapSource(map.Path);
        var frame = new TelemetryFrame();
        map.WriteYaml(Yaml.Replace("Test Track", "Background Track", StringComparison.Ordinal), sessionInfoUpdate: 7);
        Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        for (int i = 0; i < 500 && source.SessionInfoVersion != 7; i++) await Task.Delay(10, TestContext.Current.CancellationToken);
        Assert.Equal(7, source.SessionInfoVersion);
        Assert.Equal("Background Track", source.SessionInfo!.TrackDisplayName);
    }

    [Fact]
    public void ForSim_WithoutTheSim_IsNotConnected_AndDoesNotThrow()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("on Windows the sim might really be running");
        using var source = LiveMapSource.ForSim();
        var frame = new TelemetryFrame();
        Assert.Equal(TelemetryReadStatus.NotConnected, source.TryRead(frame, 0));
        Assert.Null(source.SessionInfo);
    }

    [Fact]
    public void IbtFile_IsRejectedByTheLiveSource()
    {
        string path = TelemetryFiles.IbtPath("audi-r8-gt3_indianapolis-road.ibt");
        var e = Assert.Throws<InputException>(() => new LiveMapSource(path));
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void MapOfTheWrongSize_IsBadInput()
    {
        string source = TelemetryFiles.LivePath("skipbarber_watkinsglen_2017.bin");
        string path = Path.Combine(Path.GetTempPath(), $"crewchief-short-{Guid.NewGuid():N}.bin");
        var bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 30_000).ToArray());
        try
        {
            var e = Assert.Throws<InputException>(() => new LiveMapSource(path));
            Assert.StartsWith(path, e.Message);
            Assert.Contains("var buffer", e.Message);
            Assert.DoesNotContain("\n", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
