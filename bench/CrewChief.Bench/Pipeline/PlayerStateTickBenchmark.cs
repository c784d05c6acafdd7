using BenchmarkDotNet.Attributes;
using CrewChief.Pipeline;

namespace CrewChief.Bench.Pipeline;

/// <summary>
/// What the tick adds to publish the player's state for the director (once per tick): the sequence-locked write,
/// and the director's read. Both must stay in nanoseconds and allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class PlayerStateTickBenchmark
{
    private readonly LatestPlayerState _latest = new();
    private readonly bool[] _onPitRoad = new bool[64];
    private double _time;

    [GlobalSetup]
    public void Setup()
    {
        _onPitRoad[3] = _onPitRoad[17] = true;
    }

    [Benchmark]
    public int PublishOnTick()
    {
        ulong inPits = 0;
        for (int i = 0; i < _onPitRoad.Length; i++)
            if (_onPitRoad[i]) inPits |= 1UL << i;
        _time += 1.0 / 60;
        _latest.Publish(new PlayerState(_time, 5, 0.4f, false, 3, 0.8, 7, 1.2, inPits));
        return (int)inPits;
    }

    [Benchmark]
    public int ReadOnDirector() => _latest.Read().Position;
}
