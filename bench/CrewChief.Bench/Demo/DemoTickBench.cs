using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using CrewChief.Demo;
using CrewChief.Telemetry;

namespace CrewChief.Bench.Demo;

/// <summary>One demo tick: 20 cars moved, the player's script run, the frame filled and written into the live
/// layout. Each iteration starts a fresh race just past the green flag and runs 20,000 ticks (5.5 minutes of racing).</summary>
[MemoryDiagnoser]
[ShortRunJob]
[InvocationCount(1, 1)]
public unsafe class DemoTickBench
{
    private const int Ticks = 20_000;
    private byte* _memory;
    private long _length;
    private IrsdkWriter _writer = null!;
    private DemoRace _race = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _length = IrsdkWriter.RequiredLength();
        _memory = (byte*)NativeMemory.AllocZeroed((nuint)_length);
        _writer = new IrsdkWriter(_memory, _length);
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
        NativeMemory.Free(_memory);
    }
}
