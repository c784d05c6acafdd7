using System.Threading.Channels;
using CrewChief.App.Commands;
using CrewChief.Speech;
using CrewChief.Tools.Speech.Dev;

namespace CrewChief.Tests.Speech;

public sealed class PiperSynthesizerTests
{
    private static PiperSynthesizer TinySynthesizer(SpeechOptions? options = null)
    {
        SpeechNatives.RequireOnnxRuntime();
        SpeechNatives.RequireEspeak();
        Assert.True(PiperPhonemizer.TryCreate(out PiperPhonemizer? phonemizer, out string error), error);
        options ??= new SpeechOptions();
        var config = PiperVoiceConfig.Parse(TinyPiperModel.BuildConfig(new()), "tiny.onnx.json");
        return new PiperSynthesizer(PiperVoice.FromModel(TinyPiperModel.Build(new()), config, options), phonemizer!, options);
    }

    [Fact]
    public void Speak_ThreeSentences_StreamsOneChunkPerSentenceInOrder()
    {
        using var synth = TinySynthesizer();
        var channel = Channel.CreateUnbounded<AudioChunk>();
        string[] sentences = ["Car left.", "Still there, hold your line.", "Clear!"];
        int written = synth.Speak(string.Join(' ', sentences), channel.Writer, cancel: TestContext.Current.CancellationToken);
        channel.Writer.Complete();

        Assert.Equal(3, written);
        var chunks = new List<AudioChunk>();
        while (channel.Reader.TryRead(out AudioChunk c)) chunks.Add(c);
        Assert.Equal([0, 1, 2], chunks.Select(c => c.Sentence));
        Assert.Equal([false, false, true], chunks.Select(c => c.IsLast));
        Assert.All(chunks, c => Assert.Equal(TinyPiperModel.SampleRate, c.SampleRate));
        // Each chunk is its own sentence: the tiny model gives HopLength samples per id.
        for (int i = 0; i < 3; i++)
        {
            var ids = new List<long>();
            PhonemeIdEncoder.Encode(synth.Phonemize(sentences[i])[0], synth.Voice.Config, ids);
            Assert.Equal(ids.Count * TinyPiperModel.HopLength, chunks[i].Samples.Length);
        }
    }

    [Fact]
    public async Task Speak_BoundedOutput_HandsTheFirstSentenceOnBeforeTheLastIsSynthesised()
    {
        using var synth = TinySynthesizer();
        // Capacity 1 and nobody reading yet: the speaker must wait after the first sentence, which proves each
        // sentence is handed on as soon as it is made rather than after the whole utterance.
        var channel = Channel.CreateBounded<AudioChunk>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.Wait });
        var speaking = Task.Run(() => synth.Speak("One. Two. Three.", channel.Writer, cancel: TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        AudioChunk first = await channel.Reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, first.Sentence);
        Assert.False(first.IsLast);
        var rest = new List<AudioChunk>();
        while (rest.Count < 2) rest.Add(await channel.Reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, await speaking);
        Assert.Equal([1, 2], rest.Select(c => c.Sentence));
        Assert.True(rest[1].IsLast);
    }

    [Fact]
    public void Speak_SplitClauses_StreamsEachClause()
    {
        using var synth = TinySynthesizer(new SpeechOptions { SplitClauses = true });
        var channel = Channel.CreateUnbounded<AudioChunk>();
        Assert.Equal(3, synth.Speak("Box this lap, fuel is critical. Copy.", channel.Writer, cancel: TestContext.Current.CancellationToken));
        Assert.Equal(["bˈɑːks ðɪs lˈæp,", "fjˈuːəl ɪz kɹˈɪɾɪkəl.", "kˈɑːpi."], synth.Phonemize("Box this lap, fuel is critical. Copy."));
    }

    [Fact]
    public void Speak_CachedPhrase_IsOneReadyChunk()
    {
        using var synth = TinySynthesizer();
        float[] clip = [0.1f, 0.2f, 0.3f];
        synth.Cache.Add("Car left.", clip);
        var channel = Channel.CreateUnbounded<AudioChunk>();
        Assert.Equal(1, synth.Speak("car LEFT", channel.Writer, cancel: TestContext.Current.CancellationToken));
        Assert.True(channel.Reader.TryRead(out AudioChunk chunk));
        Assert.Same(clip, chunk.Samples);
        Assert.True(chunk.IsLast);
    }

    [Fact]
    public void StartWarming_StandardPhrases_CachesEveryPhrase()
    {
        using var synth = TinySynthesizer();
        synth.Cache.StartWarming(synth, PhraseCache.StandardPhrases);
        Assert.True(synth.Cache.WaitUntilWarm(TimeSpan.FromMinutes(2)));
        Assert.Equal(PhraseCache.StandardPhrases.Count, synth.Cache.Count);
        Assert.True(synth.Cache.TryGet("Box, box.", out float[]? pcm));
        Assert.NotEmpty(pcm);
        Assert.True(synth.Cache.TryGet("20", out _));
    }

    [Theory]
    [InlineData("Box, box.", "box box")]
    [InlineData("  Car   LEFT! ", "car left")]
    [InlineData("Two-cars left", "two cars left")]
    public void Normalize_Text_IgnoresCaseSpacingAndPunctuation(string text, string expected) =>
        Assert.Equal(expected, PhraseCache.Normalize(text));

    [Fact]
    public void ToPcm16_QuietAudio_IsAmplifiedAtMostHundredfold()
    {
        short[] pcm = PiperSynthesizer.ToPcm16([0.001f, -0.001f]);
        Assert.Equal([3276, -3276], pcm.Select(s => (int)s)); // 0.001 × 32767 / 0.01
        Assert.Equal(32767, PiperSynthesizer.ToPcm16([0.5f, -0.25f])[0]);
    }

    [Fact]
    public void TryCreate_MissingVoice_IsFalseWithOneLine()
    {
        Assert.False(PiperSynthesizer.TryCreate(new SpeechOptions { VoicePath = "/nope/v.onnx" }, out var synth, out string error));
        Assert.Null(synth);
        Assert.Contains("/nope/v.onnx", error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void SayCommand_TinyVoice_WritesAWavWithEverySentence()
    {
        SpeechNatives.RequireOnnxRuntime();
        SpeechNatives.RequireEspeak();
        string dir = Directory.CreateTempSubdirectory("crewchief-say").FullName;
        string voice = Path.Combine(dir, "tiny.onnx");
        string wav = Path.Combine(dir, "out.wav");
        Assert.Equal(0, DevCommand.Run(new CommandArgs(["tiny-voice", voice])));
        Assert.Equal(0, SayCommand.Run(new CommandArgs(["Car left. Clear!", "--voice", voice, "--out", wav])));

        byte[] bytes = File.ReadAllBytes(wav);
        Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
        Assert.Equal(TinyPiperModel.SampleRate, BitConverter.ToInt32(bytes, 24));
        int dataBytes = BitConverter.ToInt32(bytes, 40);
        Assert.Equal(bytes.Length - 44, dataBytes);
        using var synth = TinySynthesizer();
        int expectedSamples = 0;
        foreach (string s in synth.Phonemize("Car left. Clear!"))
        {
            var ids = new List<long>();
            PhonemeIdEncoder.Encode(s, synth.Voice.Config, ids);
            expectedSamples += ids.Count * TinyPiperModel.HopLength;
        }
        Assert.Equal(expectedSamples * 2, dataBytes);
        Directory.Delete(dir, recursive: true);
    }
}
