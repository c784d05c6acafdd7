using System.Diagnostics;
using CrewChief.Playback;
using CrewChief.Speech;

namespace CrewChief.App.Commands;

/// <summary>
/// crewchief say "TEXT" [--voice PATH.onnx] [--out FILE.wav] [--tts-gpu] [--threads N] [--speaker N] [--length-scale X] [--split-clauses]:
/// synthesises TEXT with a Piper voice and writes a WAV (default say.wav). Live playback is wired by the pipeline.
/// </summary>
internal static class SayCommand
{
    public static int Run(CommandArgs args)
    {
        string text = args.RequiredPositional(0, "text to say (crewchief say \"TEXT\" --voice voices/NAME.onnx)");
        string? voice = args.String("--voice") ?? FirstVoiceInFolder();
        string outPath = args.String("--out") ?? "say.wav";
        var options = new SpeechOptions
        {
            VoicePath = voice,
            UseGpu = args.Flag("--tts-gpu"),
            Threads = args.Integer("--threads") ?? 2,
            SpeakerId = args.Integer("--speaker") ?? 0,
            LengthScale = args.Number("--length-scale") is double ls ? (float)ls : null,
            SplitClauses = args.Flag("--split-clauses"),
            WarmPhraseCache = false,
        };
        args.ThrowOnUnknown();
        if (voice is null)
            throw new InputException("no voice: pass --voice voices/NAME.onnx (a Piper voice, NAME.onnx + NAME.onnx.json).");

        var load = Stopwatch.StartNew();
        if (!PiperSynthesizer.TryCreate(options, out PiperSynthesizer? synth, out string error))
            throw new InputException(error);
        using (synth)
        {
            if (synth!.Voice.ProviderNote is { } note) Console.Error.WriteLine($"crewchief: {note}");
            load.Stop();
            var run = Stopwatch.StartNew();
            List<string> sentences = synth.Phonemize(text);
            using var wav = new WavFile(outPath, synth.SampleRate);
            double firstMs = -1;
            foreach (string sentence in sentences)
            {
                short[] pcm = synth.SynthesizeSentence(sentence);
                if (firstMs < 0) firstMs = run.Elapsed.TotalMilliseconds;
                wav.Write(pcm);
            }
            run.Stop();
            double audioSeconds = (double)wav.SamplesWritten / synth.SampleRate;
            Console.WriteLine($"{outPath}: {audioSeconds:0.00} s of audio at {synth.SampleRate} Hz, {sentences.Count} sentence(s); " +
                $"load {load.Elapsed.TotalMilliseconds:0} ms, first audio {firstMs:0} ms, total {run.Elapsed.TotalMilliseconds:0} ms" +
                (audioSeconds > 0 ? $" (real-time factor {run.Elapsed.TotalSeconds / audioSeconds:0.00})" : "") +
                (synth.Voice.UsesGpu ? ", CUDA" : ", CPU"));
        }
        return 0;
    }

    /// <summary>The only voice in voices/, if exactly one is there.</summary>
    private static string? FirstVoiceInFolder()
    {
        if (!Directory.Exists("voices")) return null;
        string[] voices = Directory.GetFiles("voices", "*.onnx");
        return voices.Length == 1 ? voices[0] : null;
    }
}
