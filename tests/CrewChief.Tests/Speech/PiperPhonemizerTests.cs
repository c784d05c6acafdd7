using CrewChief.Speech;

namespace CrewChief.Tests.Speech;

public sealed class PiperPhonemizerTests
{
    private static PiperPhonemizer Phonemizer()
    {
        SpeechNatives.RequireEspeak();
        Assert.True(PiperPhonemizer.TryCreate(out PiperPhonemizer? p, out string error), error);
        return p!;
    }

    [Fact]
    public void Phonemize_TestOne_MatchesPipersGoldenIds()
    {
        var config = PiperVoiceConfig.Load(SharedData.Require("piper/test_voice.onnx.json"));
        var sentences = new List<string>();
        Phonemizer().Phonemize("Test 1.", config.EspeakVoice, sentences);
        var ids = new List<long>();
        PhonemeIdEncoder.Encode(Assert.Single(sentences), config, ids);
        Assert.Equal("1,0,32,0,120,0,61,0,31,0,32,0,3,0,35,0,120,0,102,0,26,0,10,0,2", string.Join(',', ids));
    }

    [Fact]
    public void Phonemize_SentenceEnders_SplitSentencesAndKeepPunctuation()
    {
        var sentences = new List<string>();
        Phonemizer().Phonemize("Car left, three wide! Is it clear? Box: now; go", "en-us", sentences);
        Assert.Equal(3, sentences.Count);
        Assert.Equal("kˈɑːɹ lˈɛft, θɹˈiː wˈaɪd!", sentences[0]);
        Assert.EndsWith("?", sentences[1]);
        Assert.Contains(": ", sentences[2]);
        Assert.Contains("; ", sentences[2]);
    }

    [Fact]
    public void Phonemize_UnknownEspeakVoice_IsAnInputException()
    {
        var e = Assert.Throws<InputException>(() => Phonemizer().Phonemize("hello", "xx-nope", []));
        Assert.Contains("xx-nope", e.Message);
    }

    [Theory]
    [InlineData("Test 1. C", false, '.')]
    [InlineData("Car left, t", false, ',')]
    [InlineData("Is it clear?", true, '?')]
    [InlineData("go", true, '\0')]
    [InlineData("Box: n", false, ':')]
    [InlineData("wait \U0001F600", false, '\0')]
    public void TerminatorOf_ConsumedText_FindsTheClausePunctuation(string consumed, bool endOfText, char expected) =>
        Assert.Equal(expected, PiperPhonemizer.TerminatorOf(consumed, endOfText));

    [Fact]
    public void Decompose_LatinLetters_GivesBasePlusCombiningMark()
    {
        Assert.Equal("c\u0327", LatinDecomposition.Decompose('ç'));
        Assert.Equal("e\u0301", LatinDecomposition.Decompose('é'));
        Assert.Null(LatinDecomposition.Decompose('ə'));
    }
}
