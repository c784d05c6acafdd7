using System.Text;

namespace CrewChief.Radio;

/// <summary>
/// The intent table as a W3C SRGS XML grammar, for Windows' built-in recogniser (SAPI 5.3 loads SRGS with
/// LoadCmdFromFile): the same closed set of sentences as <see cref="JsgfGrammar"/>, one rule per intent (its wire
/// name as the rule id) and a public root rule that is any of them. Text is escaped here, without an XML writer, to
/// keep System.Xml out of the AOT exe; the tests parse it back with System.Xml.
/// </summary>
public static class SrgsGrammar
{
    public const string RootRule = "question";
    public const string Namespace = "http://www.w3.org/2001/06/grammar";

    public static string From(IntentTable table)
    {
        var sb = new StringBuilder(8192);
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.Append("<grammar version=\"1.0\" xml:lang=\"en-US\" mode=\"voice\" root=\"").Append(RootRule)
          .Append("\" xmlns=\"").Append(Namespace).Append("\">\n");
        sb.Append("  <rule id=\"").Append(RootRule).Append("\" scope=\"public\">\n    <one-of>\n");
        foreach (var (intent, _) in table.Rows)
            sb.Append("      <item><ruleref uri=\"#").Append(intent.Name()).Append("\"/></item>\n");
        sb.Append("    </one-of>\n  </rule>\n");
        foreach (var (intent, phrasings) in table.Rows)
        {
            sb.Append("  <rule id=\"").Append(intent.Name()).Append("\">\n    <one-of>\n");
            foreach (string p in phrasings) sb.Append("      <item>").Append(Escape(p)).Append("</item>\n");
            sb.Append("    </one-of>\n  </rule>\n");
        }
        sb.Append("</grammar>\n");
        return sb.ToString();
    }

    private static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"") < 0) return text;
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
    }
}
