using BenchmarkDotNet.Attributes;
using CrewChief.Demo;
using CrewChief.Native.Memory;
using CrewChief.Telemetry;

namespace CrewChief.Bench.Demo;

/// <summary>One demo tick: 20 cars moved, the player's script run, the frame filled and written into the live
/// layout. Each iteration starts a fresh race just past the green flag and runs 20,000 ticks (5.5 minutes of racing).</summary>
[MemoryDiagnoser]
[ShortRunJob]
[InvocationCount(1, 1)]
public class DemoTickBench
{
    private const int Ticks = 20_000;
    private MappedRegion _memory = null!;
    private IrsdkWriter _writer = null!;
    private DemoRace _race = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _memory = MappedRegion.AllocateZeroed(IrsdkWriter.RequiredLength());
        _writer = new IrsdkWriter(_memory);
    }

    [IterationSetup]
    public void IterationSetup()
    {
        _race = new DemoRace();
        for (int i = 0; i < 1500; i++) _race.Step();
    }

    [Benchmark(OperationsPerInvoke = Ticks)]
    public int StepAndWrite()
    {
        int tick = 0;
        for (int i = 0; i < Ticks; i++)
        {
            _race.Step();
            tick = _writer.WriteFrame(_race.Frame);
        }
        return tick;
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _writer.Dispose();
        _memory.Dispose();
    }
}
