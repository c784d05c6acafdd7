using System.Text;

namespace CrewChief.Radio;

/// <summary>
/// Text → intent. A recogniser hypothesis is one of the grammar's sentences and matches exactly; typed text (the
/// `ask` command, the HTTP endpoint) is free, so it falls back to the phrasing that shares most content words
/// with it (F1 over words that carry meaning; "how", "my", "the" carry none). Below <see cref="MinScore"/> it is
/// not understood and the engineer says "say again" rather than guessing.
/// </summary>
public sealed class IntentMatcher
{
    /// <summary>Least content-word F1 for a fuzzy match; lower guesses wrong more often than it helps.</summary>
    public const double MinScore = 0.5;

    private static readonly HashSet<string> s_stop = new(StringComparer.Ordinal)
    {
        "a", "am", "an", "and", "if", "are", "at", "be", "can", "do", "does", "for", "have", "how", "how's", "i", "i'm", "in",
        "is", "it", "me", "my", "of", "on", "please", "the", "there", "to", "was", "we", "what", "what's", "where",
        "will", "would", "you", "should", "that", "this", "much", "many", "any", "give", "tell",
    };

    private static readonly (string From, string To)[] s_synonyms =
    [
        ("tires", "tyres"), ("tire", "tyre"), ("temps", "temp"), ("temperature", "temp"), ("temperatures", "temp"),
        ("gas", "fuel"), ("petrol", "fuel"), ("pit", "box"), ("pitting", "box"), ("stop", "box"), ("penalty", "penalties"),
        ("flag", "flags"), ("incident", "incidents"), ("laps", "lap"), ("front", "ahead"), ("leaders", "leader"),
        ("leader's", "leader"), ("don't", "not"), ("dont", "not"), ("no", "not"), ("talking", "talk"),
    ];

    private readonly IntentTable _table;
    private readonly List<(RadioIntent Intent, string[] Words)> _phrasings = [];
    /// <summary>Per content word, how telling it is: words many intents share ("box", "lap") weigh less (IDF over intents).</summary>
    private readonly Dictionary<string, double> _weight = new(StringComparer.Ordinal);

    public IntentMatcher(IntentTable? table = null)
    {
        _table = table ?? IntentTable.Default;
        foreach (var (intent, phrasings) in _table.Rows)
            foreach (string p in phrasings) _phrasings.Add((intent, ContentWords(Normalise(p))));
        var intentsWith = new Dictionary<string, HashSet<RadioIntent>>(StringComparer.Ordinal);
        foreach (var (intent, words) in _phrasings)
            foreach (string w in words)
            {
                if (!intentsWith.TryGetValue(w, out var set)) intentsWith[w] = set = [];
                set.Add(intent);
            }
        int intents = _table.Rows.Length;
        foreach (var (w, set) in intentsWith) _weight[w] = Math.Log(1.0 + (double)intents / set.Count);
    }

    public IntentTable Table => _table;

    /// <summary>The intent of <paramref name="text"/>, or <see cref="RadioIntent.None"/> when nothing fits well enough.</summary>
    public RadioIntent Match(string text) => Match(text, out _);

    public RadioIntent Match(string text, out double score)
    {
        string n = Normalise(text);
        if (n.Length == 0) { score = 0; return RadioIntent.None; }
        if (_table.TryExact(n, out var exact)) { score = 1; return exact; }
        string[] words = ContentWords(n);
        RadioIntent best = RadioIntent.None;
        double bestScore = 0;
        foreach (var (intent, phrase) in _phrasings)
        {
            double f1 = F1(words, phrase);
            if (f1 > bestScore) { bestScore = f1; best = intent; }
        }
        score = bestScore;
        return bestScore >= MinScore ? best : RadioIntent.None;
    }

    /// <summary>Lower case, apostrophes kept ("how's"), every other mark a space, runs of spaces one.</summary>
    public static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool space = true;
        foreach (char ch in text)
        {
            char c = ch == '\u2019' ? '\'' : char.ToLowerInvariant(ch);
            if (char.IsLetterOrDigit(c) || (c == '\'' && !space))
            {
                sb.Append(c);
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        while (sb.Length > 0 && (sb[^1] == ' ' || sb[^1] == '\'')) sb.Length--;
        return sb.ToString();
    }

    private static string[] ContentWords(string normalised)
    {
        var list = new List<string>();
        foreach (string w in normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string word = w;
            foreach (var (from, to) in s_synonyms)
            {
                if (word == from) { word = to; break; }
            }
            if (!s_stop.Contains(word) && !list.Contains(word)) list.Add(word);
        }
        return [.. list];
    }

    private double F1(string[] said, string[] phrase)
    {
        if (said.Length == 0 || phrase.Length == 0) return 0;
        double common = 0, saidWeight = 0, phraseWeight = 0;
        foreach (string w in phrase) phraseWeight += Weight(w);
        foreach (string w in said)
        {
            double weight = Weight(w);
            saidWeight += weight;
            if (Array.IndexOf(phrase, w) >= 0) common += weight;
        }
        if (common == 0) return 0;
        double precision = common / saidWeight, recall = common / phraseWeight;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>A word no phrasing has weighs as much as the rarest: it is noise the driver added, and costs precision.</summary>
    private double Weight(string word) => _weight.TryGetValue(word, out double w) ? w : Math.Log(1.0 + _table.Rows.Length);
}
