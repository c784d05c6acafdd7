using CrewChief.Radio;

namespace CrewChief.Tests.Radio;

public class IntentMatcherTests
{
    private static readonly IntentMatcher s_matcher = new();

    [Fact]
    public void EveryPhrasing_MatchesItsOwnIntent()
    {
        foreach (var (intent, phrasings) in IntentTable.Default.Rows)
            foreach (string p in phrasings) Assert.Equal(intent, s_matcher.Match(p));
    }

    [Fact]
    public void EveryIntent_HasSeveralPhrasings()
    {
        var seen = new HashSet<RadioIntent>();
        foreach (var (intent, phrasings) in IntentTable.Default.Rows)
        {
            Assert.True(phrasings.Length >= 3, $"{intent} has {phrasings.Length} phrasings");
            seen.Add(intent);
        }
        Assert.Equal(RadioIntents.Count - 1, seen.Count);
    }

    [Theory]
    [InlineData("How's my fuel?", RadioIntent.Fuel)]
    [InlineData("hey, what's the gap to the car behind me", RadioIntent.GapBehind)]
    [InlineData("tyre temperatures please", RadioIntent.Tyres)]
    [InlineData("Where do I rejoin if I pit", RadioIntent.Rejoin)]
    [InlineData("don't talk to me in the corners", RadioIntent.NoTalkInCorners)]
    [InlineData("laps left?", RadioIntent.Remaining)]
    [InlineData("spotter off please", RadioIntent.SpotterOff)]
    public void TypedQuestions_MatchByContentWords(string text, RadioIntent expected) => Assert.Equal(expected, s_matcher.Match(text));

    [Theory]
    [InlineData("")]
    [InlineData("banana")]
    [InlineData("what do you think about the movie")]
    public void Nonsense_IsNotUnderstood(string text) => Assert.Equal(RadioIntent.None, s_matcher.Match(text));

    [Fact]
    public void WireNames_RoundTrip()
    {
        for (int i = 1; i < RadioIntents.Count; i++)
        {
            Assert.True(RadioIntents.TryParse(((RadioIntent)i).Name(), out var back));
            Assert.Equal((RadioIntent)i, back);
        }
        Assert.False(RadioIntents.TryParse("nope", out _));
    }

    [Fact]
    public void Grammar_HasARulePerIntent()
    {
        string jsgf = JsgfGrammar.From(IntentTable.Default);
        Assert.StartsWith("#JSGF V1.0;", jsgf);
        for (int i = 1; i < RadioIntents.Count; i++) Assert.Contains($"<{((RadioIntent)i).Name()}> = ", jsgf);
    }

    [Fact]
    public void EveryWord_IsInThePronunciationDictionary()
    {
        string dict = Path.Combine(PocketSphinxRecogniser.DefaultModelFolder, "cmudict-en-us.dict");
        if (!File.Exists(dict)) Assert.Skip($"{dict} is missing (install pocketsphinx-en-us: scripts/setup.sh); dictionary check skipped.");
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(dict))
        {
            int sp = line.IndexOf(' ');
            if (sp > 0) known.Add(line[..sp]);
        }
        var missing = IntentTable.Default.Words().Where(w => !known.Contains(w)).ToList();
        Assert.True(missing.Count == 0, "not in the dictionary: " + string.Join(", ", missing));
    }
}
