using CrewChief.Native.Espeak;
using CrewChief.Radio;

namespace CrewChief.Tests.Radio;

/// <summary>
/// The recogniser on speech synthesised here by espeak-ng (no audio files in the repo): one phrasing per intent,
/// through the 22050 → 16 kHz resampler, PocketSphinx and the grammar. Skipped with the loader's reason when
/// PocketSphinx, its model or espeak-ng is missing (scripts/setup.sh installs them).
/// </summary>
public class RecognitionTests
{
    private static PocketSphinxRecogniser Recogniser()
    {
        if (!EspeakLibrary.TryInitialize(out string espeak)) Assert.Skip($"espeak-ng unavailable ({espeak}); run scripts/setup.sh.");
        var r = PocketSphinxRecogniser.TryCreate(null, null, out string error);
        if (r is null) Assert.Skip($"PocketSphinx unavailable ({error}).");
        return r;
    }

    [Fact]
    public void SpokenQuestions_OnePerIntent_AreRecognisedAsTheirIntent()
    {
        using var recogniser = Recogniser();
        var matcher = new IntentMatcher();
        int right = 0, total = 0;
        var wrong = new List<string>();
        foreach (var (intent, phrasings) in IntentTable.Default.Rows)
        {
            string text = phrasings[0];
            short[] pcm = EspeakLibrary.Synthesize("en-us", text, 160, endPause: true);
            string heard = recogniser.Recognise(pcm, EspeakLibrary.SampleRate);
            total++;
            if (matcher.Match(heard) == intent) right++;
            else wrong.Add($"'{text}' heard as '{heard}'");
        }
        // The bench measures accuracy over the whole question set; here one miss in the set is tolerated so the
        // test asserts the path works, not a figure.
        Assert.True(right >= total - 1, $"{right}/{total}; " + string.Join("; ", wrong));
    }

    [Fact]
    public void Silence_IsNotAQuestion()
    {
        using var recogniser = Recogniser();
        string heard = recogniser.Recognise(new short[16000], 16000);
        Assert.Equal(RadioIntent.None, new IntentMatcher().Match(heard));
    }

    [Fact]
    public void Resampler_KeepsLengthAndLevel()
    {
        var input = new short[22050];
        for (int i = 0; i < input.Length; i++) input[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 22050.0));
        var output = new short[PcmResampler.OutputLength(input.Length, 22050, 16000)];
        int n = PcmResampler.Resample(input, 22050, output, 16000);
        Assert.Equal(16000, n);
        short peak = 0;
        foreach (short s in output.AsSpan(100, n - 200)) peak = Math.Max(peak, Math.Abs(s));
        Assert.InRange(peak, 7600, 8400);
    }

    [Fact]
    public void WavReader_ReadsWhatWavFileWrote()
    {
        var ms = new MemoryStream();
        using (var wav = new CrewChief.Playback.WavFile(ms, 22050, 1, ownsStream: false)) wav.Write([1, -2, 300, -400]);
        short[] back = WavReader.Parse(ms.ToArray(), "test.wav", out int rate);
        Assert.Equal(22050, rate);
        Assert.Equal(new short[] { 1, -2, 300, -400 }, back);
        Assert.Throws<InputException>(() => WavReader.Parse("RIFFxxxxJUNK"u8, "bad.wav", out _));
    }
}
