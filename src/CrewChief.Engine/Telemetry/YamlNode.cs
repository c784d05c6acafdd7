namespace CrewChief.Telemetry;

/// <summary>
/// A node of iRacing's YAML subset: a scalar (always kept as text, so "off" and "On" stay strings), a map with
/// keys in document order, or a list. Lookups never throw: a missing key gives <see cref="Empty"/>.
/// </summary>
public sealed class YamlNode
{
    public static readonly YamlNode Empty = new(YamlNodeKind.Scalar, "");

    private readonly List<KeyValuePair<string, YamlNode>>? _entries;
    private readonly List<YamlNode>? _items;

    public YamlNodeKind Kind { get; }
    /// <summary>The text of a scalar; "" for maps and lists.</summary>
    public string Text { get; }

    private YamlNode(YamlNodeKind kind, string text)
    {
        Kind = kind;
        Text = text;
        if (kind == YamlNodeKind.Map) _entries = [];
        else if (kind == YamlNodeKind.List) _items = [];
    }

    public static YamlNode Scalar(string text) => new(YamlNodeKind.Scalar, text);
    public static YamlNode NewMap() => new(YamlNodeKind.Map, "");
    public static YamlNode NewList() => new(YamlNodeKind.List, "");

    public IReadOnlyList<KeyValuePair<string, YamlNode>> Entries => (IReadOnlyList<KeyValuePair<string, YamlNode>>?)_entries ?? [];
    public IReadOnlyList<YamlNode> Items => (IReadOnlyList<YamlNode>?)_items ?? [];

    /// <summary>The value under <paramref name="key"/> (first occurrence), or <see cref="Empty"/>.</summary>
    public YamlNode this[string key]
    {
        get
        {
            if (_entries is null) return Empty;
            foreach (var e in _entries) if (e.Key == key) return e.Value;
            return Empty;
        }
    }

    public bool Has(string key)
    {
        if (_entries is null) return false;
        foreach (var e in _entries) if (e.Key == key) return true;
        return false;
    }

    internal void Add(string key, YamlNode value) => _entries!.Add(new(key, value));
    internal void Add(YamlNode item) => _items!.Add(item);
}

public enum YamlNodeKind { Scalar, Map, List }
