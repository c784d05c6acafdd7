namespace CrewChief.Callouts;

/// <summary>A named corner at a lap-distance fraction (0..1, where iRacing's LapDistPct puts its turn-in).</summary>
public readonly record struct TrackCorner(string Name, float LapPct);

/// <summary>One track layout of the catalog with its named corners in lap order.</summary>
public sealed class TrackInfo
{
    public TrackInfo(string id, string displayName, string[] aliases, bool isOval, TrackCorner[] corners)
    {
        Id = id;
        DisplayName = displayName;
        Aliases = aliases;
        IsOval = isOval;
        Corners = corners;
    }

    /// <summary>The catalog key, close to iRacing's TrackName ("spa up").</summary>
    public string Id { get; }
    public string DisplayName { get; }
    public string[] Aliases { get; }
    public bool IsOval { get; }
    /// <summary>Sorted by <see cref="TrackCorner.LapPct"/>.</summary>
    public TrackCorner[] Corners { get; }

    /// <summary>Corner names as the TTS says them ("Turn 3" → "Turn three"), for checking spoken text.</summary>
    internal string[] SpokenCornerNames => _spokenCornerNames ??= BuildSpokenNames();

    private string[]? _spokenCornerNames;

    private string[] BuildSpokenNames()
    {
        var names = new string[Corners.Length];
        for (int i = 0; i < names.Length; i++) names[i] = SpokenText.From(Corners[i].Name);
        return names;
    }

    /// <summary>True when <paramref name="name"/> is one of this track's corners (case-insensitive).</summary>
    public bool HasCorner(ReadOnlySpan<char> name)
    {
        foreach (var c in Corners)
        {
            if (name.Equals(c.Name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        foreach (string spoken in SpokenCornerNames)
        {
            if (name.Equals(spoken, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>A track we know nothing about: no corners, so no corner is ever named.</summary>
    public static TrackInfo Unknown(string name, bool isOval) => new("", name, [], isOval, []);

    public override string ToString() => DisplayName;
}
