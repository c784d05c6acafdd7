using CrewChief.Events;

namespace CrewChief.Callouts;

/// <summary>
/// Every phrasing the composer can use (Data/phrases.txt), indexed by event kind. Wording lives in data so it can
/// be reviewed by someone who races without reading C#.
/// </summary>
internal sealed class Phrasebook
{
    private static Phrasebook? s_default;

    private readonly Phrase[][] _primary;
    private readonly Phrase[][] _secondary;

    private Phrasebook(List<Phrase> phrases)
    {
        int kinds = Enum.GetValues<EventKind>().Length;
        var primary = new List<Phrase>[kinds];
        var secondary = new List<Phrase>[kinds];
        for (int i = 0; i < kinds; i++)
        {
            primary[i] = [];
            secondary[i] = [];
        }
        foreach (var p in phrases) (p.IsSecondary ? secondary : primary)[(int)p.Kind].Add(p);
        _primary = new Phrase[kinds][];
        _secondary = new Phrase[kinds][];
        for (int i = 0; i < kinds; i++)
        {
            _primary[i] = [.. primary[i]];
            _secondary[i] = [.. secondary[i]];
        }
    }

    public static Phrasebook Default => s_default ??= Parse(EmbeddedData.ReadLines("phrases.txt"));

    public Phrase[] For(EventKind kind) => (uint)kind < (uint)_primary.Length ? _primary[(int)kind] : [];

    public Phrase[] SecondaryFor(EventKind kind) => (uint)kind < (uint)_secondary.Length ? _secondary[(int)kind] : [];

    /// <summary>One line per phrasing: Kind (a trailing '+' marks a short secondary clause) | conditions | text.</summary>
    internal static Phrasebook Parse(List<string> lines)
    {
        var phrases = new List<Phrase>(lines.Count);
        foreach (string line in lines)
        {
            string[] f = line.Split('|', 3);
            if (f.Length != 3) throw new FormatException($"phrases.txt: expected 3 fields: {line}");
            string kindText = f[0].Trim();
            bool secondary = kindText.EndsWith('+');
            if (secondary) kindText = kindText[..^1];
            if (!Enum.TryParse(kindText, out EventKind kind)) throw new FormatException($"phrases.txt: unknown kind '{kindText}'");
            CarTraits requires = CarTraits.None, forbids = CarTraits.None;
            var conditions = PhraseCondition.None;
            var needs = new List<FactKey>();
            var absent = new List<FactKey>();
            var bounds = new List<FactBound>();
            foreach (string word in f[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if ((word[0] == '+' || word[0] == '-') && Enum.TryParse(word.AsSpan(1), out FactKey key))
                {
                    (word[0] == '+' ? needs : absent).Add(key);
                    continue;
                }
                int op = word.IndexOf("<=", StringComparison.Ordinal);
                int gt = word.IndexOf('>');
                if ((op > 0 || gt > 0) && Enum.TryParse(word.AsSpan(0, op > 0 ? op : gt), out FactKey boundKey)
                    && double.TryParse(word.AsSpan(op > 0 ? op + 2 : gt + 1), System.Globalization.NumberStyles.Float,
                        System.Globalization.CultureInfo.InvariantCulture, out double limit))
                {
                    bounds.Add(new FactBound(boundKey, op > 0, limit));
                    continue;
                }
                bool negate = word.StartsWith('!');
                string w = negate ? word[1..] : word;
                var condition = w switch
                {
                    "oval" => PhraseCondition.Oval,
                    "road" => PhraseCondition.Road,
                    "late" => negate ? PhraseCondition.NotLate : PhraseCondition.Late,
                    "front" => PhraseCondition.FrontTyres,
                    "rear" => PhraseCondition.RearTyres,
                    _ => PhraseCondition.None,
                };
                if (condition != PhraseCondition.None)
                {
                    conditions |= condition;
                    continue;
                }
                if (!CarInfo.TryParseTrait(w, out var trait)) throw new FormatException($"phrases.txt: unknown condition '{word}'");
                if (negate) forbids |= trait;
                else requires |= trait;
            }
            phrases.Add(new Phrase(kind, secondary, requires, forbids, conditions, [.. needs], [.. absent], [.. bounds], f[2].Trim()));
        }
        return new Phrasebook(phrases);
    }

    /// <summary>
    /// Every wording of the given kinds that has no placeholder: fixed phrases the speech stage can synthesise once
    /// at start-up, so the spotter and fixed critical calls play with no synthesis at all whichever variant is drawn.
    /// </summary>
    public List<string> FixedPhrases(ReadOnlySpan<EventKind> kinds)
    {
        var list = new List<string>();
        foreach (var kind in kinds)
        {
            foreach (var phrase in For(kind))
            {
                if (!phrase.Template.Contains('{') && !list.Contains(phrase.Template)) list.Add(phrase.Template);
            }
        }
        return list;
    }
}
