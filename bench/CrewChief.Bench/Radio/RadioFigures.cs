using System.Diagnostics;
using System.Globalization;
using CrewChief.Callouts;
using CrewChief.Native.Espeak;
using CrewChief.Radio;
using CrewChief.Speech;

namespace CrewChief.Bench.Radio;

/// <summary>
/// `dotnet run -c Release --project bench/CrewChief.Bench -- radio-figures [--snr DB] [--limit N] [--demo-at S] [--piper VOICE.onnx]`:
/// the two-way radio measured on a question set synthesised here (no audio in the repo): every phrasing of every
/// intent, spoken by espeak-ng's en-us voice at two speeds and its en-us+m3 variant, clean and with engine-like noise
/// mixed in at <c>--snr</c> dB (default 10: a helmet mic over a race engine). For each utterance: the intent heard,
/// and end of speech (push-to-talk released, the whole utterance in hand) → recognised → answered from the demo
/// race's state → first sentence synthesised by espeak-ng, i.e. the first answer sample ready for playback (the
/// playback hand-off adds one 10 ms buffer, measured in the latency harness).
/// A Piper voice joins the speakers at two speeds (length scale 1.0 and 0.8) when one is given with <c>--piper</c> or
/// CREWCHIEF_RADIO_PIPER_VOICE; a voice that speaks silence or near-silence (like ../shared/piper's format fixture)
/// is refused with one line rather than counted. No real Piper voice exists on the machine these figures came from.
/// </summary>
public static class RadioFigures
{
    private static readonly (string Voice, int Wpm)[] s_speakers = [("en-us", 150), ("en-us", 200), ("en-us+m3", 170)];
    private static readonly float[] s_piperSpeeds = [1.0f, 0.8f];

    /// <summary>One speaker of the question set: a name and text → mono 16-bit PCM at its rate.</summary>
    private sealed record Speaker(string Name, Func<string, short[]> Speak, int Rate);

    public static int Run(string[] args)
    {
        double snr = 10;
        int limit = int.MaxValue;
        double demoAt = 240;
        string? piperPath = Environment.GetEnvironmentVariable("CREWCHIEF_RADIO_PIPER_VOICE");
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--snr": snr = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--limit": limit = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--demo-at": demoAt = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--piper": piperPath = args[i + 1]; break;
            }
        }
        if (!EspeakLibrary.TryInitialize(out string espeakError)) { Console.Error.WriteLine(espeakError); return 2; }
        using var recogniser = PocketSphinxRecogniser.TryCreate(null, null, out string error);
        if (recogniser is null) { Console.Error.WriteLine(error); return 2; }

        var (state, ctx) = RadioStateProbe.FromDemo(demoAt);
        var radio = new DriverRadio();
        radio.Publish(state);
        using var station = new RadioStation(radio, recogniser, () => ctx);

        var speakers = new List<Speaker>();
        foreach (var (voice, wpm) in s_speakers)
            speakers.Add(new($"espeak-ng {voice} {wpm} wpm", text => EspeakLibrary.Synthesize(voice, text, wpm, endPause: true), EspeakLibrary.SampleRate));
        var piperVoices = new List<PiperSynthesizer>();
        if (!string.IsNullOrWhiteSpace(piperPath) && !AddPiper(piperPath, speakers, piperVoices)) return 2;

        var set = new List<(RadioIntent Intent, string Text, Speaker Speaker)>();
        foreach (var (intent, phrasings) in IntentTable.Default.Rows)
            foreach (string p in phrasings)
                foreach (var speaker in speakers) set.Add((intent, p, speaker));
        if (set.Count > limit) set = set.Where((_, i) => i % (set.Count / limit + 1) == 0).ToList();
        Console.WriteLine($"question set: {set.Count} utterances ({IntentTable.Default.Rows.Length} intents × phrasings × {speakers.Count} voices/speeds: {string.Join(", ", speakers.Select(v => v.Name))}); {recogniser.Description}");

        var noise = new EngineNoise(seed: 7);
        foreach (bool noisy in (ReadOnlySpan<bool>)[false, true])
        {
            int right = 0;
            var latency = new List<double>();
            var recognise = new List<double>();
            var cpu = new List<double>();
            var process = Process.GetCurrentProcess();
            var misses = new Dictionary<string, int>();
            var bySpeaker = new Dictionary<string, (int Right, int Total)>();
            foreach (var (intent, text, speaker) in set)
            {
                short[] pcm = speaker.Speak(text);
                if (noisy) noise.MixInto(pcm, speaker.Rate, snr);
                // Warm the decoder for a new command word path is not needed: the grammar search is stateless.
                radio.Apply(RadioIntent.TalkToMe); // commands in the set must not change later answers' detail
                radio.Apply(RadioIntent.TalkAnywhere);
                process.Refresh();
                TimeSpan cpuStart = process.TotalProcessorTime;
                long endOfSpeech = Stopwatch.GetTimestamp();
                RadioExchange x = station.AskAudio(pcm, speaker.Rate);
                string first = FirstSentence(x.Answer.Spoken);
                short[] audio = EspeakLibrary.Synthesize("en-us", first, 185, endPause: false);
                double total = Stopwatch.GetElapsedTime(endOfSpeech).TotalMilliseconds;
                GC.KeepAlive(audio);
                process.Refresh();
                cpu.Add((process.TotalProcessorTime - cpuStart).TotalMilliseconds);
                latency.Add(total);
                recognise.Add(x.RecogniseMs);
                var (sr, st) = bySpeaker.GetValueOrDefault(speaker.Name);
                bySpeaker[speaker.Name] = (sr + (x.Intent == intent ? 1 : 0), st + 1);
                if (x.Intent == intent) right++;
                else
                {
                    string key = $"'{text}' ({intent.Name()}, {speaker.Name}) heard as '{x.Heard}'";
                    misses[key] = misses.GetValueOrDefault(key) + 1;
                }
            }
            latency.Sort();
            recognise.Sort();
            cpu.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(noisy ? $"noisy (engine, SNR {snr:0} dB)" : "clean")}: intent accuracy {right}/{set.Count} = {100.0 * right / set.Count:0.0} %; " +
                $"end of speech → first answer audio p50 {P(latency, 0.5):0} ms, p95 {P(latency, 0.95):0} ms (recognise p50 {P(recognise, 0.5):0} / p95 {P(recognise, 0.95):0} ms; process CPU p50 {P(cpu, 0.5):0} / p95 {P(cpu, 0.95):0} ms)"));
            Console.WriteLine("    by voice: " + string.Join("; ", bySpeaker.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value.Right}/{kv.Value.Total}"))));
            foreach (var (k, n) in misses.OrderByDescending(m => m.Value).Take(12)) Console.WriteLine($"    miss ×{n}: {k}");
        }
        foreach (var v in piperVoices) v.Dispose();
        return 0;
    }

    /// <summary>The Piper voice at two speeds; false with one line when it cannot load or speaks (near-)silence.</summary>
    private static bool AddPiper(string path, List<Speaker> speakers, List<PiperSynthesizer> loaded)
    {
        foreach (float scale in s_piperSpeeds)
        {
            var options = new SpeechOptions { VoicePath = path, LengthScale = scale, WarmPhraseCache = false };
            if (!PiperSynthesizer.TryCreate(options, out var piper, out string error)) { Console.Error.WriteLine($"radio-figures: --piper {path}: {error}"); return false; }
            loaded.Add(piper!);
            float peak = 0;
            foreach (float v in piper!.SynthesizeAll("How's my fuel?")) peak = MathF.Max(peak, MathF.Abs(v));
            // A fixture voice (../shared/piper/test_voice) outputs silence; counting it would fake a Piper figure.
            if (peak < 0.03f) { Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"radio-figures: --piper {path}: the voice speaks (near-)silence (peak {peak:0.####} of 1): not a usable speaker.")); return false; }
            var voice = piper;
            speakers.Add(new($"piper {Path.GetFileNameWithoutExtension(path)} ×{scale:0.0}", text => PiperSynthesizer.ToPcm16(voice.SynthesizeAll(text)), voice.SampleRate));
        }
        return true;
    }

    private static string FirstSentence(string text)
    {
        int end = text.IndexOfAny(['.', '?', '!']);
        return end > 0 ? text[..(end + 1)] : text;
    }

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
}
