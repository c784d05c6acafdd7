using System.Xml;
using CrewChief.Config;
using CrewChief.Radio;
using CrewChief.Tools.Doctor;

namespace CrewChief.Tests.Radio;

/// <summary>
/// Windows' built-in recogniser as far as Linux can check it: the SRGS grammar it loads (well-formed, every intent
/// and phrasing present, parsed back with System.Xml), the choice between recognisers and its one-line fallbacks,
/// the config key and doctor's line. The SAPI calls themselves run only on Windows (untested in this project).
/// </summary>
public class WindowsRecogniserTests
{
    private static XmlDocument Parse(string xml)
    {
        var doc = new XmlDocument();
        doc.LoadXml(xml);
        return doc;
    }

    private static XmlNamespaceManager Ns(XmlDocument doc)
    {
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("g", SrgsGrammar.Namespace);
        return ns;
    }

    [Fact]
    public void Srgs_IsWellFormed_WithAPublicRootThatReachesEveryIntent()
    {
        var doc = Parse(SrgsGrammar.From(IntentTable.Default));
        var ns = Ns(doc);
        var grammar = doc.DocumentElement!;
        Assert.Equal("grammar", grammar.LocalName);
        Assert.Equal(SrgsGrammar.Namespace, grammar.NamespaceURI);
        Assert.Equal("1.0", grammar.GetAttribute("version"));
        Assert.Equal("en-US", grammar.GetAttribute("xml:lang"));
        Assert.Equal("voice", grammar.GetAttribute("mode"));
        string root = grammar.GetAttribute("root");
        var rootRule = doc.SelectSingleNode($"/g:grammar/g:rule[@id='{root}']", ns) as XmlElement;
        Assert.NotNull(rootRule);
        Assert.Equal("public", rootRule.GetAttribute("scope"));

        var ruleIds = new HashSet<string>();
        foreach (XmlElement r in doc.SelectNodes("/g:grammar/g:rule", ns)!) Assert.True(ruleIds.Add(r.GetAttribute("id")), "duplicate rule id " + r.GetAttribute("id"));
        var referenced = new HashSet<string>();
        foreach (XmlElement r in rootRule.SelectNodes("g:one-of/g:item/g:ruleref", ns)!)
        {
            string uri = r.GetAttribute("uri");
            Assert.StartsWith("#", uri);
            Assert.Contains(uri[1..], ruleIds); // every reference resolves
            referenced.Add(uri[1..]);
        }
        foreach (var (intent, _) in IntentTable.Default.Rows) Assert.Contains(intent.Name(), referenced);
        Assert.Equal(IntentTable.Default.Rows.Length + 1, ruleIds.Count);
    }

    [Fact]
    public void Srgs_HoldsEveryPhrasingOfEveryIntent_InItsOwnRule_AndNothingElse()
    {
        var doc = Parse(SrgsGrammar.From(IntentTable.Default));
        var ns = Ns(doc);
        foreach (var (intent, phrasings) in IntentTable.Default.Rows)
        {
            var items = new List<string>();
            foreach (XmlElement item in doc.SelectNodes($"/g:grammar/g:rule[@id='{intent.Name()}']/g:one-of/g:item", ns)!) items.Add(item.InnerText);
            Assert.Equal(phrasings, items);
        }
    }

    [Fact]
    public void Srgs_EscapesMarkup_SoAnyPhrasingParsesBackUnchanged()
    {
        var table = new IntentTable([(RadioIntent.Fuel, ["fuel & \"tyres\" <now>", "how's my fuel"]), (RadioIntent.GapAhead, ["gap ahead"])]);
        var doc = Parse(SrgsGrammar.From(table));
        var ns = Ns(doc);
        var items = doc.SelectNodes("/g:grammar/g:rule[@id='fuel']/g:one-of/g:item", ns)!;
        Assert.Equal("fuel & \"tyres\" <now>", items[0]!.InnerText);
        Assert.Equal("how's my fuel", items[1]!.InnerText);
    }

    [Theory]
    [InlineData("How's my fuel?", "how's my fuel")]
    [InlineData("  Spotter   off. ", "spotter off")]
    [InlineData("", "")]
    public void Normalise_TurnsSapiDisplayTextIntoTheGrammarsSpelling(string display, string expected) =>
        Assert.Equal(expected, WindowsSpeechRecogniser.Normalise(display));

    [Theory]
    [InlineData("", RecogniserChoice.Auto)]
    [InlineData("auto", RecogniserChoice.Auto)]
    [InlineData("PocketSphinx", RecogniserChoice.PocketSphinx)]
    [InlineData("windows", RecogniserChoice.Windows)]
    [InlineData("sapi", RecogniserChoice.Windows)]
    public void Choice_Parses(string text, RecogniserChoice expected)
    {
        Assert.True(SpeechRecognisers.TryParse(text, out var choice));
        Assert.Equal(expected, choice);
        Assert.False(SpeechRecognisers.TryParse("vosk", out _));
    }

    [Fact]
    public void OffWindows_TheWindowsRecogniser_SaysSoInOneLine_AndAutoNeverTriesIt()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "checks the non-Windows fallback");
        using var windows = SpeechRecognisers.TryCreate(RecogniserChoice.Windows, null, null, out string error);
        Assert.Null(windows);
        Assert.DoesNotContain('\n', error);
        Assert.Contains("only on Windows", error);

        // Auto here is PocketSphinx or, without it, PocketSphinx's own one-line reason (never the Windows one).
        using var auto = SpeechRecognisers.TryCreate(RecogniserChoice.Auto, null, null, out string autoError);
        if (auto is null)
        {
            Assert.DoesNotContain('\n', autoError);
            Assert.DoesNotContain("Windows", autoError);
        }
        else
        {
            Assert.IsType<PocketSphinxRecogniser>(auto);
        }
    }

    [Fact]
    public void Config_ReadsTheRecogniser_AndNamesABadOne()
    {
        string dir = Directory.CreateTempSubdirectory("crewchief-radio-").FullName;
        try
        {
            string path = Path.Combine(dir, "crewchief.toml");
            File.WriteAllText(path, "[radio]\nrecogniser = \"windows\"\n");
            var config = EngineConfig.Load(path);
            Assert.Equal(RecogniserChoice.Windows, config.RadioRecogniser);
            Assert.Empty(config.Warnings);

            File.WriteAllText(path, "[radio]\nrecogniser = \"vosk\"\n");
            var e = Assert.Throws<InputException>(() => EngineConfig.Load(path));
            Assert.Contains("crewchief.toml:2:", e.Message);
            Assert.Contains("radio.recogniser", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Doctor_GivesEachRecogniserOneLine()
    {
        var config = new EngineConfig();
        var sphinx = RadioCheck.Recogniser(config);
        var windows = RadioCheck.WindowsRecogniser(config);
        Assert.Equal("radio", sphinx.Area);
        Assert.Equal("radio-win", windows.Area);
        Assert.DoesNotContain('\n', sphinx.Detail);
        Assert.DoesNotContain('\n', windows.Detail);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(SetupLevel.Ok, windows.Level);
            Assert.Contains("Windows only", windows.Detail);
        }

        config.RadioRecogniser = RecogniserChoice.Windows;
        Assert.Contains("not used", RadioCheck.Recogniser(config).Detail);
    }
}
