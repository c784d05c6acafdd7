using BenchmarkDotNet.Attributes;
using CrewChief.Speech;

namespace CrewChief.Bench.Speech;

/// <summary>
/// Text to first audio for a one-clause callout, and synthesis of one already-phonemised sentence, for the tiny
/// contract model and a random-weight model shaped like a Piper medium voice. The real-time factor is the mean time
/// divided by the audio length printed at setup.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 6)]
public class SynthesisBenchmarks
{
    private PiperSynthesizer _synth = null!;
    private string _phonemes = "";

    [Params(BenchVoices.Tiny, BenchVoices.Medium)]
    public string Voice { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params("Car left.", "Box this lap, fuel is critical.")]
    public string Text { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _synth = BenchVoices.Load(Voice, Threads);
        _phonemes = _synth.Phonemize(Text)[0];
        float[] pcm = _synth.SynthesizeSentence(_phonemes);
        Console.WriteLine($"// {Voice} '{Text}': {pcm.Length} samples = {pcm.Length * 1000.0 / _synth.SampleRate:0} ms of audio");
    }

    [GlobalCleanup]
    public void Cleanup() => _synth.Dispose();

    /// <summary>What a live callout waits for: phonemise, encode, run the model, normalise the first sentence.</summary>
    [Benchmark]
    public int TextToFirstAudio() => _synth.SynthesizeSentence(_synth.Phonemize(Text)[0]).Length;

    [Benchmark]
    public int SynthesizeSentence() => _synth.SynthesizeSentence(_phonemes).Length;
}
