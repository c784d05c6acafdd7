using BenchmarkDotNet.Attributes;
using CrewChief.Speech;

namespace CrewChief.Bench.Speech;

/// <summary>
/// The espeak-ng fallback voice: text to the first sentence's audio for a short spotter call and a longer strategy
/// callout. The real-time factor is the mean time divided by the audio length printed at setup.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 6)]
public class EspeakSynthesisBenchmarks
{
    private EspeakSynthesizer _synth = null!;

    [Params("Car left.", "Box this lap, fuel is critical.")]
    public string Text { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        if (!EspeakSynthesizer.TryCreate(new SpeechOptions { WarmPhraseCache = false }, out EspeakSynthesizer? synth, out string error))
            throw new InvalidOperationException(error);
        _synth = synth!;
        float[] pcm = _synth.SynthesizeSentence(Text);
        Console.WriteLine($"// espeak-ng '{Text}': {pcm.Length} samples = {pcm.Length * 1000.0 / _synth.SampleRate:0} ms of audio");
    }

    [GlobalCleanup]
    public void Cleanup() => _synth.Dispose();

    [Benchmark]
    public int TextToFirstAudio() => _synth.SynthesizeSentence(_synth.SplitSentences(Text)[0]).Length;
}
