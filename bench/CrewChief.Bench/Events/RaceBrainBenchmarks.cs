using BenchmarkDotNet.Attributes;
using CrewChief.Events;

namespace CrewChief.Bench.Events;

/// <summary>
/// One 60 Hz tick of the race brain (all strategy models + all event detectors) on a 20-car race. The baseline
/// only generates the frame, so the difference is the brain's cost. Budget: ≤ 3 µs and 0 B per tick.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 8)]
[Config(typeof(PercentileConfig))]
public class RaceBrainBenchmarks
{
    private const int TicksPerInvoke = 600;
    private SyntheticRace _race = null!;
    private RaceBrain _brain = null!;

    [GlobalSetup]
    public void Setup()
    {
        _race = new SyntheticRace();
        _brain = new RaceBrain(new BrainOptions { PitEntryPct = 0.95 });
        // Three laps in: fuel, pace and the speed profile are learned, every path is warm.
        for (int i = 0; i < 3 * 3600; i++) { _race.Advance(); _brain.Tick(_race.Frame, _race.Info, _race.Timestamp); }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = TicksPerInvoke)]
    public int FrameOnly()
    {
        for (int i = 0; i < TicksPerInvoke; i++) _race.Advance();
        return _race.Frame.SessionTick;
    }

    [Benchmark(OperationsPerInvoke = TicksPerInvoke)]
    public int FramePlusBrainTick()
    {
        int raised = 0;
        for (int i = 0; i < TicksPerInvoke; i++)
        {
            _race.Advance();
            _brain.Tick(_race.Frame, _race.Info, _race.Timestamp);
            raised += _brain.Raised.Length;
        }
        return raised;
    }
}

/// <summary>Tail latency matters on the tick thread: show P95 beside the mean.</summary>
internal sealed class PercentileConfig : BenchmarkDotNet.Configs.ManualConfig
{
    public PercentileConfig() => AddColumn(BenchmarkDotNet.Columns.StatisticColumn.P95);
}
