using CrewChief.Native.Espeak;
using CrewChief.Playback;
using CrewChief.Speech;

namespace CrewChief.Tests.Speech;

/// <summary>
/// A callout's audio is allocated once: sentences of a few seconds are large-object-heap arrays, and every dead one
/// waits for a full collection (the soak's memory). The utterance's buffer is sized from its text, and espeak's
/// samples go to float without a 16-bit copy, with the same result as before.
/// </summary>
public sealed class CalloutAudioBufferTests
{
    private static readonly string[] s_callouts =
    [
        "Box this lap.",
        "Fuel for 3 laps, you need 4.2 litres to finish.",
        "Car ahead, number 51, is 1.4 seconds up the road and you are catching him by three tenths a lap.",
        "Yellow flag.",
        "Pit window open. Stop in the next 2 laps to rejoin ahead of car 7; tyres look good for another stint.",
    ];

    [Fact]
    public void EstimatedBuffer_HoldsTheWholeCallout_AtTheDefaultRate()
    {
        SpeechNatives.RequireEspeak();
        Assert.True(EspeakSynthesizer.TryCreate(new SpeechOptions { WarmPhraseCache = false }, out var synth, out string error), error);
        using (synth)
        {
            foreach (string text in s_callouts)
            {
                int samples = 0;
                var sentences = synth!.SplitSentences(text);
                for (int i = 0; i < sentences.Count; i++) samples += synth.SynthesizeSentence(sentences[i], endPause: i < sentences.Count - 1).Length;
                Assert.True(Utterance.EstimatedSamples(text, synth.SampleRate) >= samples,
                    $"'{text}': {samples} samples spoken, buffer sized for {Utterance.EstimatedSamples(text, synth.SampleRate)}");
            }
        }
    }

    [Fact]
    public void EspeakFloat_IsTheNormalised16BitSpeech()
    {
        SpeechNatives.RequireEspeak();
        Assert.True(EspeakSynthesizer.TryCreate(new SpeechOptions { WarmPhraseCache = false }, out var synth, out string error), error);
        using (synth)
        {
            // Both conversions from the same synthesis (espeak-ng's output differs slightly from run to run).
            var options = new SpeechOptions();
            var (pcm, direct) = EspeakLibrary.Synthesize(options.EspeakVoice, s_callouts[1], options.EspeakWordsPerMinute, endPause: false,
                static span => (span.ToArray(), EspeakSynthesizer.ToNormalizedFloat(span)));
            EspeakSynthesizer.Normalize(pcm);
            Assert.Equal(Pcm16.ToFloat(pcm), direct);
        }
    }

    [Fact]
    public void LiveSpeech_MakesNoArrayPerSentence()
    {
        SpeechNatives.RequireEspeak();
        Assert.True(EspeakSynthesizer.TryCreate(new SpeechOptions { WarmPhraseCache = false }, out var synth, out string error), error);
        using (synth)
        {
            var target = new CountingTarget();
            string text = s_callouts[4];
            // The first callout sizes the reused sentence buffer; the callouts after it allocate only small things
            // (the sentences' strings, espeak's UTF-8 text), never a sentence's samples.
            synth!.Speak(text, target, cancel: TestContext.Current.CancellationToken);
            target.Samples = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            int chunks = synth.Speak(text, target, cancel: TestContext.Current.CancellationToken);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(2, chunks);
            Assert.True(target.Samples > synth.SampleRate, $"{target.Samples} samples for '{text}'");
            // A sentence's float samples alone would be over 100 KB; a few KB is the text's bookkeeping.
            Assert.True(allocated < 16 * 1024, $"{allocated} bytes allocated speaking {target.Samples} samples");
        }
    }

    /// <summary>Counts the lent samples without keeping them, as a callout's utterance copies them into its buffer.</summary>
    private sealed class CountingTarget : IAudioTarget
    {
        public long Samples;

        public void Write(in AudioChunk chunk) => Samples += chunk.Samples.Length;

        public void WriteLent(ReadOnlySpan<float> samples, in AudioChunk chunk) => Samples += samples.Length;
    }
}
