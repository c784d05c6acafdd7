using CrewChief.Telemetry;

namespace CrewChief.Tests.Telemetry;

/// <summary>The 60 Hz path must not allocate: decode, replay TryRead and live TryRead, after warm-up.</summary>
public class ZeroAllocationTests
{
    [Fact]
    public void Decode_ManyTicks_AllocatesNothing()
    {
        using var source = new IbtReplaySource(TelemetryFiles.IbtPath("silverado-truck_bristol.ibt"), IbtReplaySource.AsFastAsPossible);
        var data = File.ReadAllBytes(source.Path);
        var frame = new TelemetryFrame();
        var decoder = source.Decoder;
        for (int i = 0; i < 200; i++) decoder.Decode(source.Layout.Record(data, i), frame);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int pass = 0; pass < 3; pass++)
            for (int i = 0; i < source.RecordCount; i++) decoder.Decode(source.Layout.Record(data, i), frame);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Decode_LiveLayoutWithCarIdxArrays_AllocatesNothing()
    {
        using var source = new LiveMapSource(TelemetryFiles.LivePath("skipbarber_longbeach.bin"), parseSessionInfoInBackground: false);
        var bytes = File.ReadAllBytes(TelemetryFiles.LivePath("skipbarber_longbeach.bin"));
        var h = source.Layout!.Header;
        var buffer = bytes.AsSpan(h.BufferOffset(0), h.BufferLength).ToArray();
        var frame = new TelemetryFrame();
        for (int i = 0; i < 200; i++) source.Decoder!.Decode(buffer, frame);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) source.Decoder!.Decode(buffer, frame);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ReplayTryRead_WholeFile_AllocatesNothingAfterWarmup()
    {
        using var source = new IbtReplaySource(TelemetryFiles.IbtPath("amg-gt4_sebring.ibt"), IbtReplaySource.AsFastAsPossible);
        var frame = new TelemetryFrame();
        var summary = new ReplaySummary();
        for (int i = 0; i < 100; i++) { source.TryRead(frame, 0); summary.OnFrame(frame, source.SessionInfo); }
        source.Rewind();
        for (int i = 0; i < 100; i++) source.TryRead(frame, 0);

        long before = GC.GetAllocatedBytesForCurrentThread();
        while (source.TryRead(frame, 0) == TelemetryReadStatus.NewFrame) summary.OnFrame(frame, source.SessionInfo);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(source.RecordCount, source.RecordsRead);
    }

    [Fact]
    public void LiveTryRead_NewTicks_AllocateNothingAfterWarmup()
    {
        using var map = new SyntheticLiveMap("WeekendInfo:\n TrackName: t\n");
        using var source = new LiveMapSource(map.Path, parseSessionInfoInBackground: false);
        var frame = new TelemetryFrame();
        int tick = 0;
        for (int i = 0; i < 100; i++)
        {
            map.SetTickCount(i % 3, ++tick);
            Assert.Equal(TelemetryReadStatus.NewFrame, source.TryRead(frame, 0));
        }
        // The map writes go through the test's own accessor (not allocation-free), so only TryRead is measured.
        long allocated = 0;
        for (int i = 0; i < 1000; i++)
        {
            map.SetTickCount(i % 3, ++tick);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var status = source.TryRead(frame, 0);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(TelemetryReadStatus.NewFrame, status);
        }
        Assert.Equal(0, allocated);
    }
}
