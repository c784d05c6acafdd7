using BenchmarkDotNet.Attributes;
using CrewChief.Telemetry;

namespace CrewChief.Bench.Telemetry;

/// <summary>One tick: a whole var buffer decoded into the preallocated frame. Target ≤ 2 µs and 0 B.</summary>
[MemoryDiagnoser]
public class TickDecodeBenchmark
{
    private IbtReplaySource _ibt = null!;
    private byte[] _ibtData = null!;
    private FrameDecoder _liveDecoder = null!;
    private byte[] _liveBuffer = null!;
    private readonly TelemetryFrame _frame = new();
    private int _record;

    [GlobalSetup]
    public void Setup()
    {
        _ibt = new IbtReplaySource(SharedTelemetry.File("ibt/amg-gt4_sebring.ibt"), IbtReplaySource.AsFastAsPossible);
        _ibtData = File.ReadAllBytes(_ibt.Path);
        string live = SharedTelemetry.File("live/skipbarber_longbeach.bin");
        var bytes = File.ReadAllBytes(live);
        var layout = IrsdkLayout.Describe(bytes, live);
        _liveDecoder = new FrameDecoder(layout.Variables, layout.Header.BufferLength);
        _liveBuffer = bytes.AsSpan(layout.Header.BufferOffset(layout.Header.NewestBuffer()), layout.Header.BufferLength).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _ibt.Dispose();

    /// <summary>An .ibt record (no CarIdx arrays), walking through the file.</summary>
    [Benchmark(Baseline = true)]
    public float DecodeIbtRecord()
    {
        int i = _record;
        _record = i + 1 == _ibt.RecordCount ? 0 : i + 1;
        _ibt.Decoder.Decode(_ibt.Layout.Record(_ibtData, i), _frame);
        return _frame.Speed;
    }

    /// <summary>A live buffer with all twelve 64-slot CarIdx arrays: the heaviest tick.</summary>
    [Benchmark]
    public float DecodeLiveBuffer()
    {
        _liveDecoder.Decode(_liveBuffer, _frame);
        return _frame.CarIdxLapDistPct[1];
    }
}
