using System.Diagnostics;
using System.Globalization;
using CrewChief.Callouts;
using CrewChief.Native.Espeak;
using CrewChief.Radio;
using CrewChief.Speech;

namespace CrewChief.Bench.Radio;

/// <summary>
/// `dotnet run -c Release --project bench/CrewChief.Bench -- radio-figures [--snr DB] [--limit N] [--demo-at S]`:
/// the two-way radio measured on a question set synthesised here (no audio in the repo): every phrasing of every
/// intent, spoken by espeak-ng's en-us voice at two speeds and its en-us+m3 variant, clean and with engine-like noise
/// mixed in at <c>--snr</c> dB (default 10: a helmet mic over a race engine). For each utterance: the intent heard,
/// and end of speech (push-to-talk released, the whole utterance in hand) → recognised → answered from the demo
/// race's state → first sentence synthesised by espeak-ng, i.e. the first answer sample ready for playback (the
/// playback hand-off adds one 10 ms buffer, measured in the latency harness).
/// The repo's Piper test voice speaks silence (a format fixture), so no Piper voice is in the set.
/// </summary>
public static class RadioFigures
{
    private static readonly (string Voice, int Wpm)[] s_speakers = [("en-us", 150), ("en-us", 200), ("en-us+m3", 170)];

    public static int Run(string[] args)
    {
        double snr = 10;
        int limit = int.MaxValue;
        double demoAt = 240;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--snr": snr = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--limit": limit = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--demo-at": demoAt = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
            }
        }
        if (!EspeakLibrary.TryInitialize(out string espeakError)) { Console.Error.WriteLine(espeakError); return 2; }
        using var recogniser = PocketSphinxRecogniser.TryCreate(null, null, out string error);
        if (recogniser is null) { Console.Error.WriteLine(error); return 2; }

        var (state, ctx) = RadioStateProbe.FromDemo(demoAt);
        var radio = new DriverRadio();
        radio.Publish(state);
        using var station = new RadioStation(radio, recogniser, () => ctx);

        var set = new List<(RadioIntent Intent, string Text, string Voice, int Wpm)>();
        foreach (var (intent, phrasings) in IntentTable.Default.Rows)
            foreach (string p in phrasings)
                foreach (var (voice, wpm) in s_speakers) set.Add((intent, p, voice, wpm));
        if (set.Count > limit) set = set.Where((_, i) => i % (set.Count / limit + 1) == 0).ToList();
        Console.WriteLine($"question set: {set.Count} utterances ({IntentTable.Default.Rows.Length} intents × phrasings × {s_speakers.Length} espeak-ng voices/speeds); {recogniser.Description}");

        var noise = new EngineNoise(seed: 7);
        foreach (bool noisy in (ReadOnlySpan<bool>)[false, true])
        {
            int right = 0;
            var latency = new List<double>();
            var recognise = new List<double>();
            var cpu = new List<double>();
            var process = Process.GetCurrentProcess();
            var misses = new Dictionary<string, int>();
            foreach (var (intent, text, voice, wpm) in set)
            {
                short[] pcm = EspeakLibrary.Synthesize(voice, text, wpm, endPause: true);
                if (noisy) noise.MixInto(pcm, EspeakLibrary.SampleRate, snr);
                // Warm the decoder for a new command word path is not needed: the grammar search is stateless.
                radio.Apply(RadioIntent.TalkToMe); // commands in the set must not change later answers' detail
                radio.Apply(RadioIntent.TalkAnywhere);
                process.Refresh();
                TimeSpan cpuStart = process.TotalProcessorTime;
                long endOfSpeech = Stopwatch.GetTimestamp();
                RadioExchange x = station.AskAudio(pcm, EspeakLibrary.SampleRate);
                string first = FirstSentence(x.Answer.Spoken);
                short[] audio = EspeakLibrary.Synthesize("en-us", first, 185, endPause: false);
                double total = Stopwatch.GetElapsedTime(endOfSpeech).TotalMilliseconds;
                GC.KeepAlive(audio);
                process.Refresh();
                cpu.Add((process.TotalProcessorTime - cpuStart).TotalMilliseconds);
                latency.Add(total);
                recognise.Add(x.RecogniseMs);
                if (x.Intent == intent) right++;
                else
                {
                    string key = $"'{text}' ({intent.Name()}) heard as '{x.Heard}'";
                    misses[key] = misses.GetValueOrDefault(key) + 1;
                }
            }
            latency.Sort();
            recognise.Sort();
            cpu.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(noisy ? $"noisy (engine, SNR {snr:0} dB)" : "clean")}: intent accuracy {right}/{set.Count} = {100.0 * right / set.Count:0.0} %; " +
                $"end of speech → first answer audio p50 {P(latency, 0.5):0} ms, p95 {P(latency, 0.95):0} ms (recognise p50 {P(recognise, 0.5):0} / p95 {P(recognise, 0.95):0} ms; process CPU p50 {P(cpu, 0.5):0} / p95 {P(cpu, 0.95):0} ms)"));
            foreach (var (k, n) in misses.OrderByDescending(m => m.Value).Take(12)) Console.WriteLine($"    miss ×{n}: {k}");
        }
        return 0;
    }

    private static string FirstSentence(string text)
    {
        int end = text.IndexOfAny(['.', '?', '!']);
        return end > 0 ? text[..(end + 1)] : text;
    }

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
}
