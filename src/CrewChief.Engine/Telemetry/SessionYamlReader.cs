namespace CrewChief.Telemetry;

/// <summary>
/// Parses the YAML subset iRacing writes: indentation maps, "- " lists of maps (at the parent's indentation or
/// deeper), plain scalars. Deliberately not a YAML 1.1 parser: everything after "key: " is the value, so
/// "TeamName: Team X #37" keeps its "#37", "off"/"On" stay text, and the unescaped characters iRacing sometimes
/// writes ("UserName: [", "AbbrevName: :", "DriverSetupName: - x.sto") are just text. Never throws on odd input;
/// it keeps what it can.
/// </summary>
public static class SessionYamlReader
{
    private readonly record struct Line(int Indent, string Content);

    public static YamlNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = SplitLines(text);
        int i = 0;
        var root = YamlNode.NewMap();
        while (i < lines.Count)
        {
            // Top-level keys normally sit at column 0; anything shallower than the first key still belongs here.
            int before = i;
            ParseMapInto(root, lines, ref i, lines[i].Indent);
            if (i == before) i++;  // a stray line that fits nowhere: skip it rather than loop
        }
        return root;
    }

    private static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        int pos = 0;
        while (pos <= text.Length)
        {
            int end = text.IndexOf('\n', pos);
            if (end < 0) end = text.Length;
            var raw = text.AsSpan(pos, end - pos).TrimEnd();
            pos = end + 1;
            int indent = 0;
            while (indent < raw.Length && (raw[indent] == ' ' || raw[indent] == '\t')) indent++;
            var content = raw[indent..];
            if (content.IsEmpty) continue;
            if (content[0] == '#') continue;                     // whole-line comment
            if (indent == 0 && content.SequenceEqual("---")) continue;
            if (indent == 0 && content.SequenceEqual("...")) break;
            if (content[0] == '\uFEFF') content = content[1..];
            lines.Add(new Line(indent, content.ToString()));
        }
        return lines;
    }

    private static bool IsListItem(string content) => content == "-" || content.StartsWith("- ", StringComparison.Ordinal);

    /// <summary>Reads "key: value" lines at exactly <paramref name="indent"/> into <paramref name="map"/>.</summary>
    private static void ParseMapInto(YamlNode map, List<Line> lines, ref int i, int indent)
    {
        while (i < lines.Count)
        {
            var line = lines[i];
            if (line.Indent < indent) return;
            if (line.Indent > indent || IsListItem(line.Content))
            {
                // Deeper than expected with no key to own it, or a list where a key belongs: malformed; skip.
                if (line.Indent == indent) return;
                i++;
                continue;
            }
            i++;
            SplitKey(line.Content, out string key, out string? value);
            if (value is not null && value.Length > 0)
            {
                map.Add(key, YamlNode.Scalar(Unquote(value)));
                continue;
            }
            map.Add(key, ParseBlock(lines, ref i, indent));
        }
    }

    /// <summary>The block under a key with no inline value: a nested map, a list, or nothing (empty scalar).</summary>
    private static YamlNode ParseBlock(List<Line> lines, ref int i, int parentIndent)
    {
        if (i >= lines.Count) return YamlNode.Scalar("");
        var next = lines[i];
        if (IsListItem(next.Content) && next.Indent >= parentIndent)
        {
            var list = YamlNode.NewList();
            ParseListInto(list, lines, ref i, next.Indent);
            return list;
        }
        if (next.Indent > parentIndent)
        {
            var child = YamlNode.NewMap();
            ParseMapInto(child, lines, ref i, next.Indent);
            return child;
        }
        return YamlNode.Scalar("");
    }

    private static void ParseListInto(YamlNode list, List<Line> lines, ref int i, int indent)
    {
        while (i < lines.Count)
        {
            var line = lines[i];
            if (line.Indent != indent || !IsListItem(line.Content)) return;
            string rest = line.Content.Length > 1 ? line.Content[2..] : "";
            int extra = 0;
            while (extra < rest.Length && rest[extra] == ' ') extra++;
            rest = rest[extra..];
            if (rest.Length == 0 || FindKeySeparator(rest) < 0)
            {
                i++;
                list.Add(YamlNode.Scalar(Unquote(rest)));
                continue;
            }
            // "- Key: v" opens a map whose keys line up with "Key": rewrite the line as that first key and let
            // the map reader take it and its siblings.
            int column = indent + 2 + extra;
            lines[i] = new Line(column, rest);
            var item = YamlNode.NewMap();
            ParseMapInto(item, lines, ref i, column);
            list.Add(item);
        }
    }

    /// <summary>Index of the ':' that ends the key: the first one followed by a space or the end of the line.</summary>
    private static int FindKeySeparator(string s)
    {
        for (int k = 0; k < s.Length; k++)
        {
            if (s[k] == ':' && (k + 1 == s.Length || s[k + 1] == ' ')) return k;
        }
        return -1;
    }

    private static void SplitKey(string content, out string key, out string? value)
    {
        int colon = FindKeySeparator(content);
        if (colon < 0)
        {
            key = content;
            value = null;
            return;
        }
        key = content[..colon].Trim();
        value = content[(colon + 1)..].Trim();
    }

    /// <summary>
    /// Strips one pair of surrounding quotes. Backslashes are kept as written: iRacing does not escape them
    /// (setup paths such as "Silverstone\22S3 ...").
    /// </summary>
    private static string Unquote(string value)
    {
        if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
        {
            string inner = value[1..^1];
            return value[0] == '\'' ? inner.Replace("''", "'", StringComparison.Ordinal) : inner.Replace("\\\"", "\"", StringComparison.Ordinal);
        }
        return value;
    }
}
