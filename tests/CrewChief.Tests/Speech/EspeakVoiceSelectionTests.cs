using CrewChief.Speech;
using CrewChief.Tools.Speech.Dev;

namespace CrewChief.Tests.Speech;

public sealed class EspeakVoiceSelectionTests
{
    private static readonly SpeechOptions s_quiet = new() { WarmPhraseCache = false };

    private static string EmptyFolder() => Directory.CreateTempSubdirectory("crewchief-voices").FullName;

    private static string TinyVoiceIn(string folder, string name = "tiny.onnx")
    {
        string path = Path.Combine(folder, name);
        TinyPiperModel.Write(path, new());
        return path;
    }

    [Fact]
    public void TryCreate_NoVoiceConfiguredOrFound_SpeaksWithEspeak()
    {
        SpeechNatives.RequireEspeak();
        Assert.True(SpeechVoices.TryCreate(s_quiet, [EmptyFolder()], out ISpeechSynthesizer? synth, out string status), status);
        using (synth)
        {
            Assert.IsType<EspeakSynthesizer>(synth);
            Assert.Equal("espeak-ng", synth.Name);
            Assert.StartsWith(SpeechVoices.EspeakFallbackStatus, status);
            Assert.DoesNotContain('\n', status);
        }
    }

    [Fact]
    public void TryCreate_VoiceConfigured_SpeaksWithPiper()
    {
        SpeechNatives.RequireEspeak();
        SpeechNatives.RequireOnnxRuntime();
        string voice = TinyVoiceIn(EmptyFolder());
        Assert.True(SpeechVoices.TryCreate(s_quiet with { VoicePath = voice }, [EmptyFolder()], out ISpeechSynthesizer? synth, out string status), status);
        using (synth)
        {
            Assert.IsType<PiperSynthesizer>(synth);
            Assert.Equal("piper", synth.Name);
            Assert.Equal(TinyPiperModel.SampleRate, synth.SampleRate);
            Assert.Contains(voice, status);
        }
    }

    [Fact]
    public void TryCreate_VoiceInVoicesFolder_SpeaksWithPiper()
    {
        SpeechNatives.RequireEspeak();
        SpeechNatives.RequireOnnxRuntime();
        string folder = EmptyFolder();
        string voice = TinyVoiceIn(folder);
        Assert.True(SpeechVoices.TryCreate(s_quiet, [Path.Combine(folder, "missing"), folder], out ISpeechSynthesizer? synth, out string status), status);
        using (synth)
        {
            Assert.IsType<PiperSynthesizer>(synth);
            Assert.Contains(voice, status);
        }
    }

    [Fact]
    public void TryCreate_ConfiguredVoiceMissing_SaysSoThenFallsBackToEspeak()
    {
        SpeechNatives.RequireEspeak();
        Assert.True(SpeechVoices.TryCreate(s_quiet with { VoicePath = "/nope/v.onnx" }, [EmptyFolder()], out ISpeechSynthesizer? synth, out string status), status);
        using (synth)
        {
            Assert.IsType<EspeakSynthesizer>(synth);
            string[] lines = status.Split(Environment.NewLine);
            Assert.Equal(2, lines.Length);
            Assert.Contains("/nope/v.onnx", lines[0]);
            Assert.Contains("espeak-ng", lines[1]);
        }
    }

    [Fact]
    public void FindVoice_ModelWithoutConfig_IsSkipped()
    {
        string folder = EmptyFolder();
        File.WriteAllBytes(Path.Combine(folder, "a.onnx"), [0]);
        Assert.Null(SpeechVoices.FindVoice([folder]));
        File.WriteAllBytes(Path.Combine(folder, "b.onnx"), [0]);
        File.WriteAllBytes(Path.Combine(folder, "b.onnx.json"), [0]);
        Assert.Equal(Path.Combine(folder, "b.onnx"), SpeechVoices.FindVoice([folder]));
    }
}
