using System.Text;
using CrewChief.Native.Espeak;

namespace CrewChief.Speech;

/// <summary>
/// Text → Piper phonemes, sentence by sentence, the way Piper does it: espeak-ng IPA clause by clause, language-switch
/// flags such as "(en)" removed, the clause's punctuation appended as a phoneme (plus a space after , : ;), a new
/// sentence after . ? !, and the result NFD-decomposed.
/// espeak-ng 1.51 (Debian's) has no espeak_TextToPhonemesWithTerminator, so the terminator is read back from the
/// source text each clause consumed (see <see cref="TerminatorOf"/>).
/// </summary>
public sealed class PiperPhonemizer
{
    private readonly List<EspeakClause> _clauses = new(8);
    private readonly StringBuilder _sentence = new(128);
    private readonly Lock _gate = new();

    private PiperPhonemizer() { }

    /// <summary>Loads espeak-ng; on failure <paramref name="error"/> is one line and the engine stays text-only.</summary>
    public static bool TryCreate(out PiperPhonemizer? phonemizer, out string error)
    {
        if (!EspeakLibrary.TryInitialize(out error))
        {
            phonemizer = null;
            return false;
        }
        phonemizer = new PiperPhonemizer();
        return true;
    }

    /// <summary>espeak-ng's version, for the start-up line.</summary>
    public static string? EspeakVersion => EspeakLibrary.Version;

    /// <summary>
    /// Appends one phoneme string per sentence of <paramref name="text"/> to <paramref name="sentences"/>. With
    /// <paramref name="splitClauses"/>, a clause ending in , : ; is also a unit of its own (lower first-audio latency
    /// for long sentences, at the cost of Piper seeing less context at the break).
    /// </summary>
    /// <exception cref="InputException">espeak-ng does not know <paramref name="espeakVoice"/>.</exception>
    public void Phonemize(string text, string espeakVoice, List<string> sentences, bool splitClauses = false)
    {
        lock (_gate)
        {
            _clauses.Clear();
            try
            {
                EspeakLibrary.Phonemize(espeakVoice, text, _clauses);
            }
            catch (ArgumentException e)
            {
                throw new InputException($"{e.Message} Install the espeak-ng-data language or pick a voice whose espeak.voice it has.");
            }
            _sentence.Clear();
            for (int i = 0; i < _clauses.Count; i++)
            {
                EspeakClause clause = _clauses[i];
                bool last = i == _clauses.Count - 1;
                AppendWithoutLanguageFlags(_sentence, clause.Phonemes);
                char terminator = TerminatorOf(clause.ConsumedText, last);
                if (terminator != '\0')
                {
                    _sentence.Append(terminator);
                    if (terminator is ',' or ':' or ';') _sentence.Append(' ');
                }
                if (terminator is '.' or '?' or '!' || last || (splitClauses && terminator != '\0'))
                {
                    string s = Decompose(_sentence);
                    if (s.Length > 0) sentences.Add(s);
                    _sentence.Clear();
                }
            }
        }
    }

    /// <summary>
    /// The punctuation that ended a clause, from the text espeak-ng consumed for it. Unless the text ran out, espeak-ng
    /// has read one code point beyond the clause (the character after the terminator), so that one is dropped; then
    /// surrounding space is trimmed and a trailing . , ? ! : ; is the terminator.
    /// </summary>
    internal static char TerminatorOf(string consumed, bool endOfText)
    {
        ReadOnlySpan<char> s = consumed;
        if (!endOfText && s.Length > 0)
        {
            int cut = s.Length - 1;
            if (cut > 0 && char.IsLowSurrogate(s[cut]) && char.IsHighSurrogate(s[cut - 1])) cut--;
            s = s[..cut];
        }
        s = s.TrimEnd();
        if (s.IsEmpty) return '\0';
        char c = s[^1];
        return c is '.' or ',' or '?' or '!' or ':' or ';' ? c : '\0';
    }

    /// <summary>Drops "(xx)" language-switch markers espeak-ng inserts around foreign words.</summary>
    private static void AppendWithoutLanguageFlags(StringBuilder into, string phonemes)
    {
        int depth = 0;
        foreach (char c in phonemes)
        {
            if (c == '(') { depth++; continue; }
            if (c == ')' && depth > 0) { depth--; continue; }
            if (depth == 0 && c != '\n' && c != '\r') into.Append(c);
        }
    }

    private static string Decompose(StringBuilder sentence)
    {
        string s = sentence.ToString().Trim();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] >= '\u00C0' && LatinDecomposition.Decompose(s[i]) is not null) return DecomposeSlow(s);
        }
        return s;
    }

    private static string DecomposeSlow(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (char c in s)
        {
            string? d = c >= '\u00C0' ? LatinDecomposition.Decompose(c) : null;
            if (d is null) sb.Append(c); else sb.Append(d);
        }
        return sb.ToString();
    }
}
