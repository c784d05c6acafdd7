using BenchmarkDotNet.Attributes;
using CrewChief.Callouts;
using CrewChief.Radio;
using CrewChief.Strategy;

namespace CrewChief.Bench.Radio;

/// <summary>The radio's text stages: typed text → intent, and intent → grounded answer (fill + grounding check).</summary>
[MemoryDiagnoser]
public class RadioAnswerBenchmarks
{
    private readonly IntentMatcher _matcher = new();
    private readonly RadioAnswerer _answerer = new();
    private readonly CalloutContext _ctx = new(CarInfo.Unknown(""), TrackInfo.Unknown("", false)) { PlayerPosition = 4 };
    private RadioState _state;

    [GlobalSetup]
    public void Setup()
    {
        _state = new RadioState
        {
            InWorld = true,
            OverallPosition = 7,
            Strategy = new StrategySnapshot
            {
                InWorld = true, FuelLevel = 42.6, Fuel = new FuelPlan(2.83, 15.05, 53.9, 11.3, 1, 14, 19, double.NaN),
                ClassPosition = 4, GapBehind = 3.62, CarBehindIdx = -1,
            },
        };
    }

    [Benchmark(Baseline = true)]
    public RadioIntent MatchExact() => _matcher.Match("what's the gap behind");

    [Benchmark]
    public RadioIntent MatchTyped() => _matcher.Match("hey, what's the gap to the car behind me?");

    [Benchmark]
    public RadioAnswer AnswerFuel() => _answerer.Answer(RadioIntent.Fuel, _state, _ctx);

    [Benchmark]
    public RadioAnswer AnswerGapBehind() => _answerer.Answer(RadioIntent.GapBehind, _state, _ctx);
}
