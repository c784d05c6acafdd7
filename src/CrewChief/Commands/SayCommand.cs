using System.Diagnostics;
using CrewChief.Playback;
using CrewChief.Speech;

namespace CrewChief.App.Commands;

/// <summary>
/// crewchief say "TEXT" [--voice PATH.onnx] [--out FILE.wav] [--tts-gpu] [--threads N] [--speaker N] [--length-scale X] [--split-clauses]:
/// synthesises TEXT and writes a WAV (default say.wav) with the voice <see cref="SpeechVoices"/> picks: the --voice
/// Piper voice, else one found in voices/, else espeak-ng's built-in voice. Live playback is wired by the pipeline.
/// </summary>
internal static class SayCommand
{
    public static int Run(CommandArgs args)
    {
        string text = args.RequiredPositional(0, "text to say (crewchief say \"TEXT\" [--voice voices/NAME.onnx])");
        string outPath = args.String("--out") ?? "say.wav";
        var options = new SpeechOptions
        {
            VoicePath = args.String("--voice"),
            UseGpu = args.Flag("--tts-gpu"),
            Threads = args.Integer("--threads") ?? 2,
            SpeakerId = args.Integer("--speaker") ?? 0,
            LengthScale = args.Number("--length-scale") is double ls ? (float)ls : null,
            SplitClauses = args.Flag("--split-clauses"),
            WarmPhraseCache = false,
        };
        args.ThrowOnUnknown();

        var load = Stopwatch.StartNew();
        if (!SpeechVoices.TryCreate(options, out ISpeechSynthesizer? synth, out string status))
            throw new InputException(status.ReplaceLineEndings(" "));
        Console.Error.WriteLine($"crewchief: {status.ReplaceLineEndings(Environment.NewLine + "crewchief: ")}");
        using (synth)
        {
            if (synth is PiperSynthesizer { Voice.ProviderNote: { } note }) Console.Error.WriteLine($"crewchief: {note}");
            load.Stop();
            using var wav = new WavFile(outPath, synth.SampleRate);
            var sink = new WavChunkWriter(wav);
            int chunks = synth.Speak(text, sink);
            double audioSeconds = (double)wav.SamplesWritten / synth.SampleRate;
            double totalMs = sink.Clock.Elapsed.TotalMilliseconds;
            Console.WriteLine($"{outPath}: {audioSeconds:0.00} s of audio at {synth.SampleRate} Hz, {chunks} sentence(s), {synth.Description}; " +
                $"load {load.Elapsed.TotalMilliseconds:0} ms, first audio {sink.FirstAudioMs:0} ms, total {totalMs:0} ms" +
                (audioSeconds > 0 ? $" (real-time factor {totalMs / 1000 / audioSeconds:0.00})" : ""));
        }
        return 0;
    }

    /// <summary>
    /// A speech target that writes each sentence to the WAV the moment the synthesiser hands it on, so the first-audio
    /// figure is the time a player would have started.
    /// </summary>
    private sealed class WavChunkWriter(WavFile wav) : IAudioTarget
    {
        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public double FirstAudioMs { get; private set; } = -1;

        public void Write(in AudioChunk chunk) => WriteLent(chunk.Samples, chunk);

        public void WriteLent(ReadOnlySpan<float> samples, in AudioChunk chunk)
        {
            if (FirstAudioMs < 0) FirstAudioMs = Clock.Elapsed.TotalMilliseconds;
            wav.Write(samples);
        }
    }
}
