namespace CrewChief.Callouts;

internal enum TokenKind : byte
{
    Word,
    /// <summary>Digits, possibly a lap time (m:ss.f, value in seconds).</summary>
    Number,
    /// <summary>P followed by digits.</summary>
    Position,
    /// <summary>T followed by digits: a corner by number.</summary>
    CornerNumber,
    /// <summary>Punctuation: ends a run of number words.</summary>
    Break,
}

internal readonly record struct Token(TokenKind Kind, int Start, int Length, double Value, int Decimals, bool SentenceStart);

/// <summary>Splits a callout into words, numbers and breaks for <see cref="GroundingCheck"/>.</summary>
internal static class Tokenizer
{
    public static List<Token> Read(ReadOnlySpan<char> s)
    {
        var tokens = new List<Token>(32);
        bool sentenceStart = true;
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            bool boundary = i == 0 || !char.IsLetterOrDigit(s[i - 1]);
            bool numberStart = char.IsAsciiDigit(c)
                || (boundary && (c is '+' or '-' or '.') && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]));
            if (numberStart)
            {
                i = ReadNumber(s, i, tokens, sentenceStart);
                sentenceStart = false;
                continue;
            }
            if (char.IsLetter(c))
            {
                int j = i;
                while (j < s.Length && (char.IsLetterOrDigit(s[j])
                    || ((s[j] == '-' || s[j] == '\'' || s[j] == '’') && j + 1 < s.Length && char.IsLetterOrDigit(s[j + 1])))) j++;
                AddWord(s, i, j, tokens, sentenceStart);
                sentenceStart = false;
                i = j;
                continue;
            }
            if (c is '.' or '!' or '?' or ';' or ':' or '(' or '—' or '\n') sentenceStart = true;
            tokens.Add(new Token(TokenKind.Break, i, 1, 0, 0, false));
            i++;
        }
        return tokens;
    }

    private static void AddWord(ReadOnlySpan<char> s, int start, int end, List<Token> tokens, bool sentenceStart)
    {
        ReadOnlySpan<char> word = s[start..end];
        if (word.Length > 1 && (word[0] == 'P' || word[0] == 'T') && AllDigits(word[1..]))
        {
            double n = double.Parse(word[1..], System.Globalization.CultureInfo.InvariantCulture);
            tokens.Add(new Token(word[0] == 'P' ? TokenKind.Position : TokenKind.CornerNumber, start, word.Length, n, 0, sentenceStart));
            return;
        }
        // "forty-two" is two number words; "push-to-pass" stays one word.
        int dash = word.IndexOf('-');
        if (dash > 0 && NumberWords.WordValue(word[..dash]) >= 0)
        {
            int partStart = start;
            for (int k = start; k <= end; k++)
            {
                if (k == end || s[k] == '-')
                {
                    tokens.Add(new Token(TokenKind.Word, partStart, k - partStart, 0, 0, sentenceStart && partStart == start));
                    partStart = k + 1;
                }
            }
            return;
        }
        tokens.Add(new Token(TokenKind.Word, start, word.Length, 0, 0, sentenceStart));
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return true;
    }

    private static int ReadNumber(ReadOnlySpan<char> s, int start, List<Token> tokens, bool sentenceStart)
    {
        int i = start;
        double sign = 1;
        if (s[i] == '-') sign = -1;
        if (s[i] is '+' or '-') i++;
        double whole = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) whole = whole * 10 + (s[i++] - '0');
        if (i + 2 < s.Length && s[i] == ':' && char.IsAsciiDigit(s[i + 1]) && char.IsAsciiDigit(s[i + 2]))
        {
            whole = whole * 60 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
            i += 3;
        }
        int decimals = 0;
        double fraction = 0, scale = 1;
        if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                scale /= 10;
                fraction += (s[i++] - '0') * scale;
                decimals++;
            }
        }
        // A unit or suffix glued to the number ("1.2s", "3rd", "82%") belongs to it.
        while (i < s.Length && (char.IsLetter(s[i]) || s[i] is '%' or '°')) i++;
        tokens.Add(new Token(TokenKind.Number, start, i - start, sign * (whole + fraction), decimals, sentenceStart));
        return i;
    }
}

/// <summary>
/// A run of number words read back to a value: "ninety-five" → 95, "point one two" → 0.12, and the engineer's
/// lap time "one forty-two point three" → 102.3 s.
/// </summary>
internal readonly record struct NumberRun(int WordCount, double Value, double LapTimeValue, int Decimals, bool IsLoneOne)
{
    public static bool TryRead(List<Token> tokens, int t, ReadOnlySpan<char> text, out NumberRun run)
    {
        run = default;
        ReadOnlySpan<char> first = Word(tokens, t, text);
        bool minus = first.Equals("minus", StringComparison.OrdinalIgnoreCase);
        bool startsWithPoint = first.Equals("point", StringComparison.OrdinalIgnoreCase);
        int firstValue = NumberWords.WordValue(first);
        bool starts = (firstValue >= 0 && !first.Equals("oh", StringComparison.OrdinalIgnoreCase)
                && !first.Equals("hundred", StringComparison.OrdinalIgnoreCase) && !first.Equals("thousand", StringComparison.OrdinalIgnoreCase))
            || ((minus || startsWithPoint) && IsDigitWord(Word(tokens, t + 1, text)));
        if (!starts) return false;

        var groups = new List<long>(3);
        long current = -1;
        int last = 0; // 0 none, 1 units, 2 tens, 3 hundred/thousand
        int j = minus ? t + 1 : t;
        bool inDecimals = false;
        int decimals = 0;
        double fraction = 0, scale = 1;
        for (; j < tokens.Count && tokens[j].Kind == TokenKind.Word; j++)
        {
            ReadOnlySpan<char> w = Word(tokens, j, text);
            if (w.Equals("point", StringComparison.OrdinalIgnoreCase))
            {
                if (inDecimals || !IsDigitWord(Word(tokens, j + 1, text))) break;
                inDecimals = true;
                continue;
            }
            if (w.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                if (last == 3 && NumberWords.WordValue(Word(tokens, j + 1, text)) is > 0 and < 100) continue;
                break;
            }
            int v = NumberWords.WordValue(w);
            if (v < 0) break;
            if (inDecimals)
            {
                if (v > 9) break;
                scale /= 10;
                fraction += v * scale;
                decimals++;
                continue;
            }
            bool oh = w.Equals("oh", StringComparison.OrdinalIgnoreCase);
            if (v == 100 || v == 1000)
            {
                current = (current < 0 ? 1 : current) * v;
                last = 3;
            }
            else if (oh)
            {
                if (current >= 0) groups.Add(current);
                current = 0;
                last = 2;
            }
            else if (v >= 20 || (v >= 10 && v < 20))
            {
                if (last == 3) current += v;
                else
                {
                    if (current >= 0) groups.Add(current);
                    current = v;
                }
                last = v >= 20 ? 2 : 1;
                if (v < 20) last = 1;
            }
            else
            {
                if ((last == 2 && current % 10 == 0) || last == 3) current += v;
                else
                {
                    if (current >= 0) groups.Add(current);
                    current = v;
                }
                last = 1;
            }
        }
        if (current >= 0) groups.Add(current);
        double sign = minus ? -1 : 1;
        double value = groups.Count switch
        {
            0 => fraction,
            1 => groups[0] + fraction,
            _ => double.NaN,
        };
        double lapTime = groups.Count == 2 && groups[1] < 60 ? groups[0] * 60 + groups[1] + fraction : 0;
        bool loneOne = j - t == 1 && first.Equals("one", StringComparison.OrdinalIgnoreCase);
        run = new NumberRun(j - t, sign * value, lapTime, decimals, loneOne);
        return true;
    }

    private static bool IsDigitWord(ReadOnlySpan<char> w) => NumberWords.WordValue(w) is >= 0 and <= 9;

    private static ReadOnlySpan<char> Word(List<Token> tokens, int i, ReadOnlySpan<char> text) =>
        i < tokens.Count && tokens[i].Kind == TokenKind.Word ? text.Slice(tokens[i].Start, tokens[i].Length) : default;
}

/// <summary>
/// Corner names of every catalog track, indexed by their first word, for catching a corner said at the wrong
/// track in one pass over the words rather than one search per name.
/// </summary>
internal static class ForeignCorners
{
    private static Dictionary<string, List<string>>? s_byFirstWord;

    /// <summary>Generic corner words that exist at many tracks; naming one is not a claim about this track.</summary>
    private static readonly string[] s_generic =
    [
        "hairpin", "the hairpin", "chicane", "the chicane", "carousel", "the carousel", "kink", "the kink", "esses",
        "the esses", "bus stop", "the bus stop", "final corner", "last corner", "first corner", "back straight",
        "the loop", "the dip", "the bridge", "hill", "the hill", "the boot", "the bowl", "dip", "bridge", "the final corner",
        "the first hairpin", "the second hairpin", "the dogleg", "dogleg", "the first corner", "the last corner",
    ];

    private static Dictionary<string, List<string>> ByFirstWord => s_byFirstWord ??= Build();

    /// <summary>
    /// The first corner name of another track found in <paramref name="text"/> (case-sensitive: corner names are
    /// proper nouns, and several are also plain words such as "Village" or "Club"), or null.
    /// </summary>
    public static string? FindIn(ReadOnlySpan<char> text, TrackInfo track)
    {
        var index = ByFirstWord;
        var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            int end = i;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '-' or '\'')) end++;
            if (lookup.TryGetValue(text[i..end], out var names))
            {
                foreach (string name in names)
                {
                    if (!text[i..].StartsWith(name, StringComparison.Ordinal)) continue;
                    int after = i + name.Length;
                    if (after < text.Length && char.IsLetterOrDigit(text[after])) continue;
                    if (!track.HasCorner(name)) return name;
                }
            }
            i = end;
        }
        return null;
    }

    private static Dictionary<string, List<string>> Build()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var track in TrackCatalog.Default.Tracks)
        {
            foreach (var c in track.Corners)
            {
                if (c.Name.StartsWith("Turn ", StringComparison.OrdinalIgnoreCase) || !seen.Add(c.Name)) continue;
                bool generic = false;
                foreach (string g in s_generic)
                {
                    if (c.Name.Equals(g, StringComparison.OrdinalIgnoreCase)) generic = true;
                }
                if (generic) continue;
                int space = c.Name.IndexOf(' ');
                string first = space > 0 ? c.Name[..space] : c.Name;
                if (!index.TryGetValue(first, out var list)) index[first] = list = [];
                list.Add(c.Name);
            }
        }
        return index;
    }
}
