using CrewChief.Speech;
using CrewChief.Tools.Speech.Dev;

namespace CrewChief.Tests.Speech;

public sealed class PiperVoiceTests
{
    private static PiperVoice Tiny(TinyPiperModel.Shape shape, SpeechOptions? options = null)
    {
        SpeechNatives.RequireOnnxRuntime();
        var config = PiperVoiceConfig.Parse(TinyPiperModel.BuildConfig(shape), "tiny.onnx.json");
        return PiperVoice.FromModel(TinyPiperModel.Build(shape), config, options ?? new SpeechOptions());
    }

    [Fact]
    public void Synthesize_Rank3Output_GivesHopSamplesPerId()
    {
        using var voice = Tiny(new());
        float[] audio = voice.Synthesize([1, 0, 50, 0, 2]);
        Assert.Equal(5 * TinyPiperModel.HopLength, audio.Length);
        Assert.Equal(0.5f, audio[2 * TinyPiperModel.HopLength], 5);
    }

    [Fact]
    public void Synthesize_Rank4Output_TakesSamplesFromTheLastDimension()
    {
        using var voice = Tiny(new(Rank4: true));
        Assert.Equal(3 * TinyPiperModel.HopLength, voice.Synthesize([1, 0, 2]).Length);
    }

    [Fact]
    public void Synthesize_LengthScaleTwo_DoublesTheSamples()
    {
        using var voice = Tiny(new(), new SpeechOptions { LengthScale = 2f });
        Assert.Equal(3 * 2 * TinyPiperModel.HopLength, voice.Synthesize([1, 0, 2]).Length);
    }

    [Fact]
    public void Synthesize_MultiSpeaker_PassesTheSpeakerId()
    {
        using var speaker0 = Tiny(new(Speakers: 3));
        using var speaker2 = Tiny(new(Speakers: 3), new SpeechOptions { SpeakerId = 2 });
        Assert.True(speaker2.IsMultiSpeaker);
        Assert.Equal(0.10f, speaker0.Synthesize([10])[0], 5);
        Assert.Equal(0.30f, speaker2.Synthesize([10])[0], 5);
    }

    [Fact]
    public void FromModel_SpeakerOutOfRange_IsAnInputException()
    {
        var e = Assert.Throws<InputException>(() => Tiny(new(Speakers: 3), new SpeechOptions { SpeakerId = 3 }));
        Assert.Contains("0–2", e.Message);
    }

    [Fact]
    public void IsMultiSpeaker_SingleSpeakerModel_IsFalse()
    {
        using var voice = Tiny(new());
        Assert.False(voice.IsMultiSpeaker);
    }

    [Fact]
    public void Load_RealPiperExport_SynthesisesRank3Audio()
    {
        SpeechNatives.RequireOnnxRuntime();
        string model = SharedData.Require("piper/test_voice.onnx");
        using var voice = PiperVoice.Load(model, new SpeechOptions());
        Assert.Equal(22050, voice.Config.SampleRate);
        Assert.False(voice.IsMultiSpeaker);
        // "Test 1." — Piper's own golden ids.
        float[] audio = voice.Synthesize([1, 0, 32, 0, 120, 0, 61, 0, 31, 0, 32, 0, 3, 0, 35, 0, 120, 0, 102, 0, 26, 0, 10, 0, 2]);
        Assert.NotEmpty(audio);
        Assert.All(audio, s => Assert.True(float.IsFinite(s)));
    }

    [Fact]
    public void Load_MissingModel_IsAnInputExceptionNamingIt()
    {
        SpeechNatives.RequireOnnxRuntime();
        var e = Assert.Throws<InputException>(() => PiperVoice.Load("/nope/voice.onnx", new SpeechOptions()));
        Assert.StartsWith("/nope/voice.onnx:", e.Message);
    }

    [Fact]
    public void Load_ModelWithoutPiperInputs_IsAnInputException()
    {
        SpeechNatives.RequireOnnxRuntime();
        var g = new OnnxGraphBuilder("not_piper");
        g.Input("x", OnnxGraphBuilder.Float, "1");
        g.Output("y", OnnxGraphBuilder.Float, "1");
        g.Node("Identity", ["x"], "y");
        string dir = Directory.CreateTempSubdirectory("crewchief-voice").FullName;
        string path = Path.Combine(dir, "bad.onnx");
        File.WriteAllBytes(path, g.ToModel());
        File.WriteAllBytes(path + ".json", TinyPiperModel.BuildConfig(new()));
        var e = Assert.Throws<InputException>(() => PiperVoice.Load(path, new SpeechOptions()));
        Assert.Contains("'input'", e.Message);
        Directory.Delete(dir, recursive: true);
    }
}
