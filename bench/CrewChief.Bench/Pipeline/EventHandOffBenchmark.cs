using BenchmarkDotNet.Attributes;
using CrewChief.Events;
using CrewChief.Pipeline;

namespace CrewChief.Bench.Pipeline;

/// <summary>The tick → director hand-off: posting an event into a lane and taking it out. Must be 0 B.</summary>
[MemoryDiagnoser]
public class EventHandOffBenchmark
{
    private readonly EventRouter _router = new();
    private RaceEvent _routine;
    private RaceEvent _spotter;

    [GlobalSetup]
    public void Setup()
    {
        var facts = new FactSet();
        facts.Set(FactKey.GapAhead, 0.8);
        facts.Set(FactKey.Position, 4);
        _routine = new RaceEvent(EventKind.GapClosing, Priority.Medium, 100, 0, 10, facts);
        _spotter = new RaceEvent(EventKind.SpotterCarLeft, Priority.Spotter, 100, 0, 1, default);
    }

    [GlobalCleanup]
    public void Cleanup() => _router.Dispose();

    [Benchmark(Baseline = true)]
    public EventKind PostAndTakeRoutine()
    {
        _router.Post(_routine);
        _router.TryTakeNow(out var e);
        return e.Kind;
    }

    [Benchmark]
    public EventKind PostAndTakeSpotter()
    {
        _router.Post(_spotter);
        _router.TryTakeNow(out var e);
        return e.Kind;
    }
}
