using System.Text;

namespace CrewChief.Radio;

/// <summary>
/// The JSGF grammar PocketSphinx decodes against, generated from the intent table: one rule per intent listing its
/// phrasings, and a public rule that is any of them. A closed set of sentences is what makes a small offline
/// recogniser fast and accurate on a radio command set (an open language model mishears engine noise as words).
/// </summary>
public static class JsgfGrammar
{
    public static string From(IntentTable table)
    {
        var sb = new StringBuilder(4096);
        sb.Append("#JSGF V1.0;\n\ngrammar radio;\n\npublic <question> = ");
        bool first = true;
        foreach (var (intent, _) in table.Rows)
        {
            if (!first) sb.Append(" | ");
            sb.Append('<').Append(intent.Name()).Append('>');
            first = false;
        }
        sb.Append(";\n\n");
        foreach (var (intent, phrasings) in table.Rows)
        {
            sb.Append('<').Append(intent.Name()).Append("> = ");
            for (int i = 0; i < phrasings.Length; i++)
            {
                if (i > 0) sb.Append("\n    | ");
                sb.Append(phrasings[i]);
            }
            sb.Append(";\n");
        }
        return sb.ToString();
    }
}
