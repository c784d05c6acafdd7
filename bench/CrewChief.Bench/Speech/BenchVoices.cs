using CrewChief.Native.Onnx;
using CrewChief.Speech;
using CrewChief.Tools.Speech.Dev;

namespace CrewChief.Bench.Speech;

/// <summary>The generated voices the speech benchmarks run, loaded through the real ONNX Runtime path.</summary>
internal static class BenchVoices
{
    public const string Tiny = "tiny", Medium = "medium-shaped";

    public static PiperSynthesizer Load(string which, int threads)
    {
        if (!OnnxRuntimeLibrary.TryInitialize(out string error)) throw new InvalidOperationException(error);
        if (!PiperPhonemizer.TryCreate(out PiperPhonemizer? phonemizer, out error)) throw new InvalidOperationException(error);
        var options = new SpeechOptions { Threads = threads, WarmPhraseCache = false };
        PiperVoice voice = which switch
        {
            Tiny => PiperVoice.FromModel(TinyPiperModel.Build(new()), PiperVoiceConfig.Parse(TinyPiperModel.BuildConfig(new()), "tiny"), options),
            Medium => PiperVoice.FromModel(MediumShapedPiperModel.Build(), PiperVoiceConfig.Parse(MediumShapedPiperModel.BuildConfig(), "medium"), options),
            _ => throw new ArgumentException(which),
        };
        var synth = new PiperSynthesizer(voice, phonemizer!, options);
        synth.WarmUp();
        return synth;
    }
}
