using BenchmarkDotNet.Attributes;
using CrewChief.Telemetry;

namespace CrewChief.Bench.Telemetry;

/// <summary>
/// A whole .ibt played with no pacing, as 'crewchief replay --fast' does: amg-gt4_sebring.ibt is 2,683 records,
/// 44.7 s at 60 Hz. Target ≥ 1000× real time, i.e. under 44.7 ms per run.
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmark
{
    private string _path = null!;
    private IbtReplaySource _source = null!;
    private readonly TelemetryFrame _frame = new();

    [GlobalSetup]
    public void Setup()
    {
        _path = SharedTelemetry.File("ibt/amg-gt4_sebring.ibt");
        _source = new IbtReplaySource(_path, IbtReplaySource.AsFastAsPossible);
    }

    [GlobalCleanup]
    public void Cleanup() => _source.Dispose();

    /// <summary>Records and summary only (file already mapped).</summary>
    [Benchmark(Baseline = true)]
    public int ReplayMapped()
    {
        _source.Rewind();
        var summary = new ReplaySummary();
        while (_source.TryRead(_frame, 0) == TelemetryReadStatus.NewFrame) summary.OnFrame(_frame, _source.SessionInfo);
        return summary.Frames;
    }

    /// <summary>Everything the command does: map the file, parse header, variables and YAML, then replay.</summary>
    [Benchmark]
    public int OpenAndReplay()
    {
        using var source = new IbtReplaySource(_path, IbtReplaySource.AsFastAsPossible);
        var summary = new ReplaySummary();
        while (source.TryRead(_frame, 0) == TelemetryReadStatus.NewFrame) summary.OnFrame(_frame, source.SessionInfo);
        return summary.Frames;
    }
}
