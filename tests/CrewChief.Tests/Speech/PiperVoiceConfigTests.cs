using System.Text;
using CrewChief.Speech;

namespace CrewChief.Tests.Speech;

public sealed class PiperVoiceConfigTests
{
    [Fact]
    public void Load_RealTestVoice_ReadsTheFields()
    {
        var config = PiperVoiceConfig.Load(SharedData.Require("piper/test_voice.onnx.json"));
        Assert.Equal(22050, config.SampleRate);
        Assert.Equal("en-us", config.EspeakVoice);
        Assert.Equal(1, config.NumSpeakers);
        Assert.Equal(0.667f, config.NoiseScale, 4);
        Assert.Equal([10L], config.PhonemeIds['.']);
        Assert.Equal([120L], config.PhonemeIds['ˈ']);
    }

    [Fact]
    public void Parse_NoPhonemeMap_IsAnInputExceptionNamingTheFile()
    {
        var e = Assert.Throws<InputException>(() => PiperVoiceConfig.Parse("""{"audio":{"sample_rate":22050}}"""u8, "v.onnx.json"));
        Assert.StartsWith("v.onnx.json:", e.Message);
        Assert.Contains("phoneme_id_map", e.Message);
    }

    [Fact]
    public void Load_NotJson_IsAnInputException()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, "{ nope");
        var e = Assert.Throws<InputException>(() => PiperVoiceConfig.Load(path));
        Assert.StartsWith(path, e.Message);
        File.Delete(path);
    }

    [Fact]
    public void Encode_UnknownPhoneme_IsSkipped()
    {
        var config = PiperVoiceConfig.Parse(Encoding.UTF8.GetBytes("""{"audio":{"sample_rate":16000},"phoneme_id_map":{"_":[0],"^":[1],"$":[2],"a":[5]}}"""), "x.json");
        var ids = new List<long>();
        PhonemeIdEncoder.Encode("aЖa", config, ids);
        Assert.Equal([1L, 0, 5, 0, 5, 0, 2], ids);
    }
}
