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
