namespace CrewChief.Callouts;

/// <summary>
/// Corner names of every catalog track, indexed by their first word, for catching a corner said at the wrong
/// track in one pass over the words rather than one search per name.
/// </summary>
internal static class ForeignCorners
{
    private static Dictionary<string, List<string>>? s_byFirstWord;

    /// <summary>Generic corner words that exist at many tracks; naming one is not a claim about this track.</summary>
    private static readonly string[] s_generic =
    [
        "hairpin", "the hairpin", "chicane", "the chicane", "carousel", "the carousel", "kink", "the kink", "esses",
        "the esses", "bus stop", "the bus stop", "final corner", "last corner", "first corner", "back straight",
        "the loop", "the dip", "the bridge", "hill", "the hill", "the boot", "the bowl", "dip", "bridge", "the final corner",
        "the first hairpin", "the second hairpin", "the dogleg", "dogleg", "the first corner", "the last corner",
    ];

    private static Dictionary<string, List<string>> ByFirstWord => s_byFirstWord ??= Build();

    /// <summary>
    /// The first corner name of another track found in <paramref name="text"/> (case-sensitive: corner names are
    /// proper nouns, and several are also plain words such as "Village" or "Club"), or null.
    /// </summary>
    public static string? FindIn(ReadOnlySpan<char> text, TrackInfo track)
    {
        var index = ByFirstWord;
        var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            int end = i;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '-' or '\'')) end++;
            if (lookup.TryGetValue(text[i..end], out var names))
            {
                foreach (string name in names)
                {
                    if (!text[i..].StartsWith(name, StringComparison.Ordinal)) continue;
                    int after = i + name.Length;
                    if (after < text.Length && char.IsLetterOrDigit(text[after])) continue;
                    if (!track.HasCorner(name)) return name;
                }
            }
            i = end;
        }
        return null;
    }

    private static Dictionary<string, List<string>> Build()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var track in TrackCatalog.Default.Tracks)
        {
            foreach (var c in track.Corners)
            {
                if (c.Name.StartsWith("Turn ", StringComparison.OrdinalIgnoreCase) || !seen.Add(c.Name)) continue;
                bool generic = false;
                foreach (string g in s_generic)
                {
                    if (c.Name.Equals(g, StringComparison.OrdinalIgnoreCase)) generic = true;
                }
                if (generic) continue;
                int space = c.Name.IndexOf(' ');
                string first = space > 0 ? c.Name[..space] : c.Name;
                if (!index.TryGetValue(first, out var list)) index[first] = list = [];
                list.Add(c.Name);
            }
        }
        return index;
    }
}
