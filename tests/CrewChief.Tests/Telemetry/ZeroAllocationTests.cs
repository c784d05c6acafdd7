using System.Runtime.CompilerServices;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Telemetry;

/// <summary>
/// The 60 Hz path must not allocate: decode, replay TryRead and live TryRead, after warm-up. Each measurement
/// runs in a fully optimised method (no tier-0 code, no on-stack replacement compiling on this thread) and is
/// repeated, keeping the smallest: steady state is what counts, not the runtime's own one-off JIT work.
/// </summary>
public class ZeroAllocationTests
{
    private const int Attempts = 3;

    [Fact]
    public void Decode_ManyTicks_AllocatesNothing()
    {
        using var source = new IbtReplaySource(TelemetryFiles.IbtPath("silverado-truck_bristol.ibt"), IbtReplaySource.AsFastAsPossible);
        var data = File.ReadAllBytes(source.Path);
        var frame = new TelemetryFrame();
        long best = long.MaxValue;
        for (int attempt = 0; attempt < Attempts && best != 0; attempt++)
            best = Math.Min(best, DecodeWholeFile(source, data, frame));
        Assert.Equal(0, best);
    }

    [Fact]
    public void Decode_LiveLayoutWithCarIdxArrays_AllocatesNothing()
    {
        string path = TelemetryFiles.LivePath("skipbarber_longbeach.bin");
        using var source = new LiveMapSource(path, parseSessionInfoInBackground: false);
        var h = source.Layout!.Header;
        var buffer = File.ReadAllBytes(path).AsSpan(h.BufferOffset(0), h.BufferLength).ToArray();
        var frame = new TelemetryFrame();
        long best = long.MaxValue;
        for (int attempt = 0; attempt < Attempts && best != 0; attempt++)
            best = Math.Min(best, DecodeRepeatedly(source.Decoder!, buffer, frame, 10_000));
        Assert.Equal(0, best);
    }

    [Fact]
    public void ReplayTryRead_WholeFile_AllocatesNothingAfterWarmup()
    {
        using var source = new IbtReplaySource(TelemetryFiles.IbtPath("amg-gt4_sebring.ibt"), IbtReplaySource.AsFastAsPossible);
        var frame = new TelemetryFrame();
        var summary = new ReplaySummary();
        long best = long.MaxValue;
        for (int attempt = 0; attempt < Attempts && best != 0; attempt++)
        {
            source.Rewind();
            best = Math.Min(best, ReplayToEnd(source, frame, summary));
            Assert.Equal(source.RecordCount, source.RecordsRead);
        }
        Assert.Equal(0, best);
    }

    [Fact]
    public void LiveTryRead_NewTicks_AllocateNothingAfterWarmup()
    {
        using var map = new SyntheticLiveMap("WeekendInfo:\n TrackName: t\n");
        using var source = new LiveMapSource(map.Path, parseSessionInfoInBackground: false);
        var frame = new TelemetryFrame();
        int tick = 0;
        long best = long.MaxValue;
        for (int attempt = 0; attempt < Attempts && best != 0; attempt++)
        {
            // The map writes go through the test's own accessor, so only TryRead itself is measured.
            long allocated = 0;
            for (int i = 0; i < 1000; i++)
            {
                map.SetTickCount(i % 3, ++tick);
                long bytes = TryReadOnce(source, frame, out var status);
                Assert.Equal(TelemetryReadStatus.NewFrame, status);
                if (i >= 100) allocated += bytes;
            }
            best = Math.Min(best, allocated);
        }
        Assert.Equal(0, best);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static long DecodeWholeFile(IbtReplaySource source, byte[] data, TelemetryFrame frame)
    {
        var decoder = source.Decoder;
        var layout = source.Layout;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < layout.RecordCount; i++) decoder.Decode(layout.Record(data, i), frame);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static long DecodeRepeatedly(FrameDecoder decoder, byte[] buffer, TelemetryFrame frame, int count)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < count; i++) decoder.Decode(buffer, frame);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static long ReplayToEnd(IbtReplaySource source, TelemetryFrame frame, ReplaySummary summary)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        while (source.TryRead(frame, 0) == TelemetryReadStatus.NewFrame) summary.OnFrame(frame, source.SessionInfo);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static long TryReadOnce(LiveMapSource source, TelemetryFrame frame, out TelemetryReadStatus status)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        status = source.TryRead(frame, 0);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
