using System.Text;

namespace CrewChief.Callouts;

/// <summary>
/// Turns a written callout into what the TTS should say: "P4" → "P four", "4.2s" → "four point two seconds",
/// "1:42.3" → "one forty-two point three", "95°C" → "ninety-five degrees", "0.12 L" → "point one two litres".
/// Markup characters never reach the voice. Runs once per callout, off the tick path.
/// </summary>
public static class SpokenText
{
    public static string From(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length * 2);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            bool boundary = i == 0 || !char.IsLetterOrDigit(text[i - 1]);
            if (IsMarkup(c))
            {
                i++;
                continue;
            }
            if (c == 'P' && boundary && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                int end = i + 1;
                while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
                if (end == text.Length || !char.IsLetter(text[end]))
                {
                    sb.Append("P ");
                    NumberWords.AppendCardinal(sb, long.Parse(text[(i + 1)..end]));
                    i = end;
                    continue;
                }
            }
            bool signed = (c == '-' || c == '+') && boundary && i + 1 < text.Length
                && (char.IsAsciiDigit(text[i + 1]) || (text[i + 1] == '.' && i + 2 < text.Length && char.IsAsciiDigit(text[i + 2])));
            bool leadingPoint = c == '.' && boundary && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])
                && (i == 0 || text[i - 1] == ' ');
            if ((char.IsAsciiDigit(c) && boundary) || signed || leadingPoint)
            {
                int mark = sb.Length;
                i = AppendNumber(sb, text, i);
                if (AtSentenceStart(sb, mark) && mark < sb.Length) sb[mark] = char.ToUpperInvariant(sb[mark]);
                continue;
            }
            sb.Append(c);
            i++;
        }
        return Collapse(sb);
    }

    private static bool AtSentenceStart(StringBuilder sb, int index)
    {
        for (int k = index - 1; k >= 0; k--)
        {
            if (char.IsWhiteSpace(sb[k])) continue;
            return sb[k] is '.' or '!' or '?';
        }
        return true;
    }

    private static bool IsMarkup(char c) => c is '*' or '_' or '#' or '[' or ']' or '`' or '<' or '>' or '{' or '}' or '|' or '~';

    /// <summary>Speaks the number starting at <paramref name="start"/> and any unit after it; returns the index past both.</summary>
    private static int AppendNumber(StringBuilder sb, ReadOnlySpan<char> text, int start)
    {
        int i = start;
        if (text[i] == '-' || text[i] == '+')
        {
            sb.Append(text[i] == '-' ? "minus " : "plus ");
            i++;
        }
        int intStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        ReadOnlySpan<char> whole = text[intStart..i];

        // m:ss(.f) is a lap time: "one forty-two point three".
        if (i + 2 < text.Length && text[i] == ':' && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2])
            && (i + 3 == text.Length || !char.IsAsciiDigit(text[i + 3])))
        {
            long minutes = whole.Length == 0 ? 0 : long.Parse(whole);
            int seconds = (text[i + 1] - '0') * 10 + (text[i + 2] - '0');
            if (minutes > 0)
            {
                NumberWords.AppendCardinal(sb, minutes);
                sb.Append(' ');
                if (seconds < 10) sb.Append("oh ");
            }
            NumberWords.AppendCardinal(sb, seconds);
            i += 3;
            i = AppendDecimals(sb, text, i);
            return i;
        }

        bool hasDecimals = i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]);
        long value = whole.Length == 0 ? 0 : long.Parse(whole);
        if (whole.Length > 0 && !(value == 0 && hasDecimals)) NumberWords.AppendCardinal(sb, value);
        bool singular = value == 1 && !hasDecimals;
        i = AppendDecimals(sb, text, i);

        // Ordinal suffix: "1st" → "first".
        if (i + 1 < text.Length && !hasDecimals && IsOrdinalSuffix(text[i..]))
        {
            NumberWords.MakeLastWordOrdinal(sb);
            return i + 2;
        }
        int next = AppendUnit(sb, text, i, singular);
        // A letter glued to a number that is not a unit is part of a name ("130R"): keep it as its own word.
        if (next == i && i < text.Length && char.IsAsciiLetterUpper(text[i])) sb.Append(' ');
        return next;
    }

    private static int AppendDecimals(StringBuilder sb, ReadOnlySpan<char> text, int i)
    {
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            int d = i + 1;
            while (d < text.Length && char.IsAsciiDigit(text[d])) d++;
            if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
            sb.Append("point ");
            NumberWords.AppendDigits(sb, text[(i + 1)..d]);
            return d;
        }
        return i;
    }

    private static bool IsOrdinalSuffix(ReadOnlySpan<char> s)
    {
        if (s.Length < 2) return false;
        ReadOnlySpan<char> two = s[..2];
        bool ordinal = two is "st" or "nd" or "rd" or "th";
        return ordinal && (s.Length == 2 || !char.IsLetter(s[2]));
    }

    private static int AppendUnit(StringBuilder sb, ReadOnlySpan<char> text, int i, bool singular)
    {
        int j = i;
        bool spaced = j < text.Length && text[j] == ' ';
        if (spaced) j++;
        ReadOnlySpan<char> rest = text[j..];
        (string word, int length) = Unit(rest, spaced);
        if (length == 0) return i;
        int after = j + length;
        if (after < text.Length && char.IsLetter(text[after])) return i;
        sb.Append(' ').Append(singular && word.EndsWith('s') && word != "degrees" ? word[..^1] : word);
        if (singular && word == "degrees") sb.Length--;
        return after;
    }

    private static (string Word, int Length) Unit(ReadOnlySpan<char> s, bool spaced)
    {
        if (s.StartsWith("°C") || s.StartsWith("°F")) return ("degrees", 2);
        if (s.StartsWith("°")) return ("degrees", 1);
        if (s.StartsWith("%")) return ("percent", 1);
        if (s.StartsWith("km/h")) return ("kilometres an hour", 4);
        if (s.StartsWith("mph")) return ("miles an hour", 3);
        if (s.StartsWith("gal")) return ("gallons", 3);
        if (s.StartsWith("L")) return ("litres", 1);
        if (!spaced && s.StartsWith("s")) return ("seconds", 1);
        return ("", 0);
    }

    private static string Collapse(StringBuilder sb)
    {
        var result = new StringBuilder(sb.Length);
        bool space = false;
        for (int i = 0; i < sb.Length; i++)
        {
            char c = sb[i];
            if (char.IsWhiteSpace(c))
            {
                space = result.Length > 0;
                continue;
            }
            if (space && c is not ('.' or ',' or '!' or '?')) result.Append(' ');
            space = false;
            result.Append(c);
        }
        return result.ToString();
    }
}
