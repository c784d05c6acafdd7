using BenchmarkDotNet.Attributes;
using CrewChief.Speech;

namespace CrewChief.Bench.Speech;

/// <summary>espeak-ng phonemisation of one callout sentence (text → IPA → Piper ids).</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 8)]
public class PhonemizeBenchmarks
{
    private PiperPhonemizer _phonemizer = null!;
    private PiperVoiceConfig _config = null!;
    private readonly List<string> _sentences = new(4);
    private readonly List<long> _ids = new(256);

    [Params("Car left.", "Box this lap, fuel is critical.")]
    public string Text { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        if (!PiperPhonemizer.TryCreate(out PiperPhonemizer? p, out string error)) throw new InvalidOperationException(error);
        _phonemizer = p!;
        _config = PiperVoiceConfig.Parse(CrewChief.Tools.Speech.Dev.TinyPiperModel.BuildConfig(new()), "tiny");
    }

    [Benchmark]
    public int PhonemizeToIds()
    {
        _sentences.Clear();
        _ids.Clear();
        _phonemizer.Phonemize(Text, "en-us", _sentences);
        foreach (string s in _sentences) PhonemeIdEncoder.Encode(s, _config, _ids);
        return _ids.Count;
    }
}
