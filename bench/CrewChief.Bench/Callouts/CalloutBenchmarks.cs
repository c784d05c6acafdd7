using BenchmarkDotNet.Attributes;
using CrewChief.Callouts;
using CrewChief.Events;

namespace CrewChief.Bench.Callouts;

/// <summary>
/// The callout stage runs per event (a few per lap) and per streamed LLM clause, never per tick: these show it
/// costs microseconds and a few small strings, not a frame.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CalloutBenchmarks
{
    private CalloutComposer _composer = null!;
    private CalloutContext _ctx = null!;
    private RaceEvent _defend;
    private GroundingFacts _facts;
    private const string Sentence = "Car behind at 0.4s. Watch him into Les Combes, brake on your marks and cover the inside.";

    [GlobalSetup]
    public void Setup()
    {
        _ctx = new CalloutContext(CarCatalog.Default.FindOrUnknown("BMW M4 GT3"),
            TrackCatalog.Default.TryFind("spa up", out var spa) ? spa : TrackInfo.Unknown("spa", false))
        {
            PlayerPosition = 4,
            LapDistPct = 0.2,
        };
        var facts = new FactSet();
        facts.Set(FactKey.GapBehind, 0.43);
        facts.Set(FactKey.Position, 4);
        _defend = new RaceEvent(EventKind.Defend, Priority.High, 0, 0, 10, facts);
        _composer = new CalloutComposer();
        _facts = GroundingFacts.From(_defend, _ctx);
    }

    [Benchmark(Baseline = true)]
    public Callout Compose() => _composer.Compose(_defend, _ctx);

    [Benchmark]
    public GroundingVerdict CheckSentence() => GroundingCheck.Check(Sentence, _facts);

    [Benchmark]
    public string Speak() => SpokenText.From(Sentence);
}
