using System.Threading.Channels;
using CrewChief.App.Commands;
using CrewChief.Native.Espeak;
using CrewChief.Speech;

namespace CrewChief.Tests.Speech;

public sealed class EspeakVoiceTests
{
    private static EspeakSynthesizer Synthesizer(SpeechOptions? options = null)
    {
        SpeechNatives.RequireEspeak();
        Assert.True(EspeakSynthesizer.TryCreate(options ?? new SpeechOptions { WarmPhraseCache = false }, out EspeakSynthesizer? synth, out string error), error);
        return synth!;
    }

    /// <summary>The engine's float samples as 16-bit PCM, the scale these checks are written in.</summary>
    private static short[] Pcm(float[] samples)
    {
        var pcm = new short[samples.Length];
        Pcm16.FromFloat(samples, pcm);
        return pcm;
    }

    private static double Rms(short[] pcm)
    {
        double sum = 0;
        foreach (short s in pcm) sum += (double)s * s;
        return Math.Sqrt(sum / Math.Max(1, pcm.Length));
    }

    /// <summary>
    /// espeak-ng's pitch flutter carries state from one synthesis to the next, so the same text is never the same
    /// waveform twice (the phase drifts); it is the same length with the same loudness envelope (10 ms RMS frames).
    /// </summary>
    private static void AssertSameSpeech(short[] expected, short[] actual)
    {
        Assert.InRange(actual.Length, expected.Length * 0.95, expected.Length * 1.05);
        double[] a = Envelope(expected), b = Envelope(actual);
        int n = Math.Min(a.Length, b.Length);
        double ma = a[..n].Average(), mb = b[..n].Average();
        double xy = 0, xx = 0, yy = 0;
        for (int i = 0; i < n; i++)
        {
            xy += (a[i] - ma) * (b[i] - mb);
            xx += (a[i] - ma) * (a[i] - ma);
            yy += (b[i] - mb) * (b[i] - mb);
        }
        double correlation = xy / Math.Sqrt(xx * yy);
        Assert.True(correlation > 0.9, $"envelope correlation {correlation:0.000}: not the same speech");
    }

    private static double[] Envelope(short[] pcm)
    {
        const int frame = 220;
        var envelope = new double[pcm.Length / frame];
        for (int f = 0; f < envelope.Length; f++) envelope[f] = Rms(pcm[(f * frame)..((f + 1) * frame)]);
        return envelope;
    }

    [Fact]
    public void SynthesizeAll_BoxThisLap_IsAudibleSpeechOfPlausibleLength()
    {
        using var synth = Synthesizer();
        short[] pcm = Pcm(synth.SynthesizeAll("Box this lap."));
        Assert.Equal(EspeakLibrary.SampleRate, synth.SampleRate);
        Assert.InRange(synth.SampleRate, 16000, 48000);
        double seconds = (double)pcm.Length / synth.SampleRate;
        Assert.InRange(seconds, 0.5, 3.0);
        // Peak-normalised speech: full-scale peak, and an RMS far above silence or dither.
        Assert.InRange(pcm.Max(s => Math.Abs((int)s)), 32000, 32768);
        Assert.True(Rms(pcm) > 1000, $"RMS {Rms(pcm):0} is too low for speech");
    }

    [Fact]
    public void Speak_TwoSentences_StreamsTwoChunksInOrder()
    {
        using var synth = Synthesizer();
        var channel = Channel.CreateUnbounded<AudioChunk>();
        int written = synth.Speak("Car left. Box this lap.", channel.Writer, utterance: 5, CrewChief.Events.Priority.High, TestContext.Current.CancellationToken);
        channel.Writer.Complete();

        Assert.Equal(2, written);
        var chunks = new List<AudioChunk>();
        while (channel.Reader.TryRead(out AudioChunk c)) chunks.Add(c);
        Assert.Equal([0, 1], chunks.Select(c => c.Sentence));
        Assert.Equal([false, true], chunks.Select(c => c.IsLast));
        Assert.All(chunks, c => Assert.Equal(5, c.Utterance));
        Assert.All(chunks, c => Assert.Equal(CrewChief.Events.Priority.High, c.Priority));
        Assert.All(chunks, c => Assert.Equal(synth.SampleRate, c.SampleRate));
        Assert.All(chunks, c => Assert.True(Rms(Pcm(c.Samples)) > 1000));
        // The second chunk is "Box this lap." alone: the audio of synthesising that sentence by itself.
        AssertSameSpeech(Pcm(synth.SynthesizeSentence("Box this lap.")), Pcm(chunks[1].Samples));
    }

    [Fact]
    public void SynthesizeAll_FasterRate_IsShorter()
    {
        const string text = "Box this lap, fuel is critical.";
        int slow, fast;
        using (var synth = Synthesizer(new SpeechOptions { WarmPhraseCache = false, EspeakWordsPerMinute = 120 })) slow = synth.SynthesizeAll(text).Length;
        using (var synth = Synthesizer(new SpeechOptions { WarmPhraseCache = false, EspeakWordsPerMinute = 300 })) fast = synth.SynthesizeAll(text).Length;
        Assert.True(slow > fast * 1.5, $"{slow} samples at 120 wpm vs {fast} at 300 wpm");
    }

    [Fact]
    public void Speak_Cancelled_StopsWithoutWriting()
    {
        using var synth = Synthesizer();
        var channel = Channel.CreateUnbounded<AudioChunk>();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => synth.Speak("Fuel is low. Box this lap.", channel.Writer, cancel: cancel.Token));
        Assert.False(channel.Reader.TryRead(out _));
    }

    [Fact]
    public void Speak_CachedPhrase_IsOneChunkFromTheCache()
    {
        using var synth = Synthesizer(new SpeechOptions());
        Assert.True(synth.Cache.WaitUntilWarm(TimeSpan.FromMinutes(2)));
        Assert.True(synth.Cache.TryGet("Car left.", out float[]? cached));
        var channel = Channel.CreateUnbounded<AudioChunk>();
        Assert.Equal(1, synth.Speak("car left", channel.Writer, cancel: TestContext.Current.CancellationToken));
        Assert.True(channel.Reader.TryRead(out AudioChunk chunk));
        Assert.Same(cached, chunk.Samples);
    }

    [Fact]
    public void Phonemize_AfterSynthesis_StillMatchesPipersGoldenIds_AndSynthesisIsUnchangedAfter()
    {
        using var synth = Synthesizer();
        short[] before = Pcm(synth.SynthesizeAll("Box this lap."));
        var config = PiperVoiceConfig.Load(SharedData.Require("piper/test_voice.onnx.json"));
        Assert.True(PiperPhonemizer.TryCreate(out PiperPhonemizer? phonemizer, out string error), error);
        var sentences = new List<string>();
        phonemizer!.Phonemize("Test 1.", config.EspeakVoice, sentences);
        var ids = new List<long>();
        PhonemeIdEncoder.Encode(Assert.Single(sentences), config, ids);
        Assert.Equal("1,0,32,0,120,0,61,0,31,0,32,0,3,0,35,0,120,0,102,0,26,0,10,0,2", string.Join(',', ids));
        AssertSameSpeech(before, Pcm(synth.SynthesizeAll("Box this lap.")));
    }

    [Fact]
    public void Phonemize_AfterALongSynthesis_HasNoLeftoverText()
    {
        using var synth = Synthesizer();
        string longText = string.Join(' ', Enumerable.Repeat("the gap to P2 is one point two seconds and closing", 20));
        Assert.True(synth.SynthesizeAll(longText).Length > synth.SampleRate);
        Assert.True(PiperPhonemizer.TryCreate(out PiperPhonemizer? phonemizer, out string error), error);
        var sentences = new List<string>();
        phonemizer!.Phonemize("Test 1.", "en-us", sentences);
        Assert.Equal("tˈɛst wˈʌn.", Assert.Single(sentences));
    }

    [Fact]
    public async Task SpeechStage_EspeakVoice_StreamsTaggedChunks()
    {
        using var synth = Synthesizer();
        var audio = Channel.CreateUnbounded<AudioChunk>();
        using var stage = new SpeechStage(synth);
        Assert.True(stage.TryEnqueue(new SpeechRequest(3, "Fuel is low. Box this lap.", CrewChief.Events.Priority.High, new ChannelAudioTarget(audio.Writer))));
        var ct = TestContext.Current.CancellationToken;
        AudioChunk first = await audio.Reader.ReadAsync(ct);
        AudioChunk second = await audio.Reader.ReadAsync(ct);
        Assert.Equal((3L, 0, false), (first.Utterance, first.Sentence, first.IsLast));
        Assert.Equal((3L, 1, true), (second.Utterance, second.Sentence, second.IsLast));
        Assert.Null(stage.LastError);
    }

    [Fact]
    public void TryCreate_UnknownEspeakVoice_IsFalseWithOneLine()
    {
        SpeechNatives.RequireEspeak();
        Assert.False(EspeakSynthesizer.TryCreate(new SpeechOptions { EspeakVoice = "xx-nope", WarmPhraseCache = false }, out var synth, out string error));
        Assert.Null(synth);
        Assert.Contains("xx-nope", error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void SayCommand_NoVoice_WritesEspeakSpeech()
    {
        SpeechNatives.RequireEspeak();
        string wav = Path.Combine(Directory.CreateTempSubdirectory("crewchief-say-espeak").FullName, "out.wav");
        Assert.Equal(0, SayCommand.Run(new CommandArgs(["Car left. Box this lap.", "--out", wav])));
        byte[] bytes = File.ReadAllBytes(wav);
        Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
        Assert.Equal(EspeakLibrary.SampleRate, BitConverter.ToInt32(bytes, 24));
        double seconds = (bytes.Length - 44) / 2.0 / EspeakLibrary.SampleRate;
        Assert.InRange(seconds, 1.0, 4.0);
    }

    [Theory]
    [InlineData("Car left. Box this lap.", false, new[] { "Car left.", "Box this lap." })]
    [InlineData("Gap is 2.5 seconds! Push?", false, new[] { "Gap is 2.5 seconds!", "Push?" })]
    [InlineData("Box, box.  ...", false, new[] { "Box, box." })]
    [InlineData("You are P1.", false, new[] { "You are P1." })]
    [InlineData("Box this lap, fuel is critical.", true, new[] { "Box this lap,", "fuel is critical." })]
    [InlineData("He said \"go.\" Now", false, new[] { "He said \"go.\"", "Now" })]
    public void Split_Text_EndsSentencesAtPunctuationBeforeSpace(string text, bool clauses, string[] expected)
    {
        var units = new List<string>();
        SentenceSplitter.Split(text, units, clauses);
        Assert.Equal(expected, units);
    }

    [Fact]
    public void Normalize_QuietAudio_IsAmplifiedAtMostHundredfold()
    {
        short[] quiet = [100, -100];
        EspeakSynthesizer.Normalize(quiet);
        Assert.Equal([9990, -9990], quiet.Select(s => (int)s)); // 100 × 32767 / 328
        short[] loud = [16000, -8000];
        EspeakSynthesizer.Normalize(loud);
        Assert.Equal(32767, loud[0]);
    }
}
