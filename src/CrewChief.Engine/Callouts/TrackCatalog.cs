using System.Diagnostics.CodeAnalysis;

namespace CrewChief.Callouts;

/// <summary>
/// The iRacing tracks the engine knows (Data/tracks.txt), with named corners. Matched on TrackName,
/// TrackDisplayName or display name plus config, ignoring case and punctuation; iRacing's internal names carry
/// year and layout words ("spa 2024 up"), so a name that does not match is retried with its last word dropped.
/// </summary>
public sealed class TrackCatalog
{
    private static TrackCatalog? s_default;

    private readonly List<TrackInfo> _tracks;
    private readonly Dictionary<string, TrackInfo> _byKey;

    private TrackCatalog(List<TrackInfo> tracks)
    {
        _tracks = tracks;
        _byKey = new Dictionary<string, TrackInfo>(tracks.Count * 4, StringComparer.Ordinal);
        foreach (var t in tracks)
        {
            _byKey.TryAdd(EmbeddedData.Normalise(t.Id), t);
            _byKey.TryAdd(EmbeddedData.Normalise(t.DisplayName), t);
            foreach (string a in t.Aliases) _byKey.TryAdd(EmbeddedData.Normalise(a), t);
        }
    }

    /// <summary>The catalog shipped in the engine; parsed on first use.</summary>
    public static TrackCatalog Default => s_default ??= Parse(EmbeddedData.ReadLines("tracks.txt"));

    public IReadOnlyList<TrackInfo> Tracks => _tracks;

    /// <summary>Finds a layout from iRacing's TrackName, TrackDisplayName and TrackConfigName (any may be empty).</summary>
    /// <remarks>
    /// With a layout named (TrackConfigName), only an entry that names that layout counts: a track's other layout
    /// has other corners at other places, so an unknown layout gets no corner names rather than another layout's.
    /// </remarks>
    public bool TryFind(string? trackName, string? displayName, string? configName, [MaybeNullWhen(false)] out TrackInfo track)
    {
        bool hasConfig = !string.IsNullOrWhiteSpace(configName);
        if (hasConfig && !string.IsNullOrWhiteSpace(displayName) && TryFindOne(displayName + " " + configName, out track)
            && NamesLayout(track, configName!)) return true;
        if (TryFindOne(trackName, out track) && (!hasConfig || NamesLayout(track, configName!))) return true;
        if (TryFindOne(displayName, out track) && (!hasConfig || NamesLayout(track, configName!))) return true;
        track = null;
        return false;
    }

    /// <summary>The entry's id, display name or an alias contains the layout's name (or its short form: "gp").</summary>
    private static bool NamesLayout(TrackInfo track, string configName)
    {
        string config = EmbeddedData.Normalise(configName);
        string shortForm = config.Replace("grandprix", "gp", StringComparison.Ordinal).Replace("roadcourse", "road", StringComparison.Ordinal)
            .Replace("fullcourse", "full", StringComparison.Ordinal);
        if (config.Length == 0) return true;
        if (Contains(track.Id, config, shortForm) || Contains(track.DisplayName, config, shortForm)) return true;
        foreach (string a in track.Aliases) if (Contains(a, config, shortForm)) return true;
        return false;

        static bool Contains(string name, string config, string shortForm)
        {
            string n = EmbeddedData.Normalise(name);
            return n.Contains(config, StringComparison.Ordinal) || n.Contains(shortForm, StringComparison.Ordinal);
        }
    }

    public bool TryFind(string? name, [MaybeNullWhen(false)] out TrackInfo track) => TryFind(name, null, null, out track);

    private bool TryFindOne(string? name, [MaybeNullWhen(false)] out TrackInfo track)
    {
        track = null;
        if (string.IsNullOrWhiteSpace(name)) return false;
        string words = name.Trim();
        while (true)
        {
            string key = EmbeddedData.Normalise(words);
            if (key.Length >= 3 && _byKey.TryGetValue(key, out track)) return true;
            int cut = words.LastIndexOfAny([' ', '-', '_']);
            if (cut <= 0) return false;
            words = words[..cut].TrimEnd();
        }
    }

    /// <summary>
    /// The first corner at or after <paramref name="lapDistPct"/> (wrapping past the line), or null for a track
    /// without named corners.
    /// </summary>
    public static TrackCorner? NextCorner(TrackInfo? track, double lapDistPct)
    {
        if (track is null || track.Corners.Length == 0) return null;
        double pct = lapDistPct - Math.Floor(lapDistPct);
        foreach (var c in track.Corners)
        {
            if (c.LapPct >= pct) return c;
        }
        return track.Corners[0];
    }

    /// <summary>
    /// One line per layout: id | display name | aliases (';') | road/oval | corners as "Name@pct" (';').
    /// </summary>
    internal static TrackCatalog Parse(List<string> lines)
    {
        var tracks = new List<TrackInfo>(lines.Count);
        foreach (string line in lines)
        {
            string[] f = line.Split('|');
            if (f.Length != 5) throw new FormatException($"tracks.txt: expected 5 fields: {line}");
            string[] aliases = f[2].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            bool oval = f[3].Trim() == "oval";
            string[] cornerTexts = f[4].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var corners = new TrackCorner[cornerTexts.Length];
            for (int i = 0; i < cornerTexts.Length; i++)
            {
                int at = cornerTexts[i].LastIndexOf('@');
                if (at <= 0 || !float.TryParse(cornerTexts[i].AsSpan(at + 1), System.Globalization.NumberStyles.Float,
                        System.Globalization.CultureInfo.InvariantCulture, out float pct) || pct < 0 || pct >= 1)
                    throw new FormatException($"tracks.txt: bad corner '{cornerTexts[i]}' in {f[0]}");
                corners[i] = new TrackCorner(cornerTexts[i][..at].Trim(), pct);
            }
            Array.Sort(corners, static (a, b) => a.LapPct.CompareTo(b.LapPct));
            tracks.Add(new TrackInfo(f[0].Trim(), f[1].Trim(), aliases, oval, corners));
        }
        return new TrackCatalog(tracks);
    }
}
