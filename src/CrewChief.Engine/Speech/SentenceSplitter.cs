namespace CrewChief.Speech;

/// <summary>
/// Splits callout text into the units the espeak-ng voice synthesises one at a time: a sentence ends at . ? ! (and
/// any closing quotes or brackets after them) followed by white space or the end of the text, so "2.5 s" and "P1."
/// at the end stay whole. With clause splitting, , ; : followed by white space end a unit too.
/// Callouts are short composed sentences, so abbreviations ("Mr. X") splitting early costs only a pause.
/// </summary>
internal static class SentenceSplitter
{
    public static void Split(string text, List<string> units, bool splitClauses = false)
    {
        int start = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            bool ender = c is '.' or '?' or '!' || (splitClauses && c is ',' or ';' or ':');
            if (!ender)
            {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < text.Length && text[end] is '.' or '?' or '!' or '"' or '\'' or ')' or ']' or '\u201D' or '\u2019') end++;
            if (end == text.Length || char.IsWhiteSpace(text[end]))
            {
                Add(text.AsSpan(start, end - start), units);
                start = end;
            }
            i = end;
        }
        if (start < text.Length) Add(text.AsSpan(start), units);
    }

    private static void Add(ReadOnlySpan<char> unit, List<string> units)
    {
        unit = unit.Trim();
        // A unit of punctuation alone ("..." after a sentence) has nothing to say.
        foreach (char c in unit)
        {
            if (char.IsLetterOrDigit(c))
            {
                units.Add(unit.ToString());
                return;
            }
        }
    }
}
