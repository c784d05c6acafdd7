namespace CrewChief.Callouts;

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
