using System.Globalization;
using System.Text;

namespace CrewChief.Telemetry;

/// <summary>
/// Writes session-info YAML in the layout the live map carries (what the sim stand-ins publish: the demo race and
/// the race replay): a "---" header, one-space indentation, list items ("- ") at the parent's indentation plus one,
/// a blank line after each top-level section, the sectors last and a "..." trailer. The callers give the fields as
/// data; the layout lives here once, so both stand-ins stay readable by the same live reader.
/// </summary>
internal sealed class SessionYamlWriter(int capacity)
{
    private readonly StringBuilder _sb = new(capacity);

    /// <summary>A key and its value as the YAML shows it.</summary>
    public readonly record struct Field(string Key, string Value);

    /// <summary>A number in the invariant culture (the sim writes "1.23", whatever the locale).</summary>
    public static string Num(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Opens a top-level section ("WeekendInfo:"); the first also writes the document header.</summary>
    public SessionYamlWriter Section(string name)
    {
        if (_sb.Length == 0) Line("---");
        return Line(name + ":");
    }

    /// <summary>Closes a top-level section (the sim's blank line).</summary>
    public SessionYamlWriter EndSection() => Line("");

    /// <summary>A nested map or list name ("WeekendOptions:", "Drivers:") at the given depth.</summary>
    public SessionYamlWriter Map(int depth, string name) => Line(new string(' ', depth) + name + ":");

    /// <summary>Key-value lines at the given depth.</summary>
    public SessionYamlWriter Fields(int depth, params ReadOnlySpan<Field> fields)
    {
        string indent = new(' ', depth);
        foreach (var f in fields) Kv(indent, f);
        return this;
    }

    /// <summary>One list item under a list at <paramref name="depth"/> - 1: its first key after "- ", the rest aligned.</summary>
    public SessionYamlWriter Item(int depth, params ReadOnlySpan<Field> fields)
    {
        string first = new string(' ', depth) + "- ", rest = new(' ', depth + 2);
        for (int i = 0; i < fields.Length; i++) Kv(i == 0 ? first : rest, fields[i]);
        return this;
    }

    /// <summary>The SplitTimeInfo section: one item per sector start (share of the lap).</summary>
    public SessionYamlWriter Sectors(ReadOnlySpan<double> starts)
    {
        Section("SplitTimeInfo").Map(1, "Sectors");
        for (int i = 0; i < starts.Length; i++)
            Item(1, new("SectorNum", Num(i)), new("SectorStartPct", Num(starts[i], "0.000000")));
        return EndSection();
    }

    public SessionYamlWriter Sectors(ReadOnlySpan<float> starts)
    {
        Span<double> wide = stackalloc double[starts.Length];
        for (int i = 0; i < starts.Length; i++) wide[i] = starts[i];
        return Sectors(wide);
    }

    /// <summary>The trailer, and the document.</summary>
    public string Finish()
    {
        Line("...");
        return _sb.ToString();
    }

    private void Kv(string indent, in Field f) => _sb.Append(indent).Append(f.Key).Append(": ").Append(f.Value).Append('\n');

    private SessionYamlWriter Line(string text)
    {
        _sb.Append(text).Append('\n');
        return this;
    }
}
