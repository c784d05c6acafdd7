using CrewChief.Events;

namespace CrewChief.Callouts;

/// <summary>When a phrasing may be used, beyond having every fact its placeholders need.</summary>
[Flags]
internal enum PhraseCondition : byte
{
    None = 0,
    Oval = 1 << 0,
    Road = 1 << 1,
    /// <summary>Three laps or fewer to go: nurse it home instead of stopping.</summary>
    Late = 1 << 2,
    NotLate = 1 << 3,
    /// <summary>The tyre fact names a front tyre, the fronts or all four: front-axle advice fits.</summary>
    FrontTyres = 1 << 4,
    /// <summary>The tyre fact names a rear tyre, the rears or all four.</summary>
    RearTyres = 1 << 5,
}

/// <summary>A bound on a fact's value ("GapBehind&lt;=1"): advice that is only right when a car is that close.</summary>
internal readonly record struct FactBound(FactKey Key, bool AtMost, double Limit)
{
    public bool Holds(double value) => AtMost ? value <= Limit : value > Limit;
}

/// <summary>One way to say one situation. Placeholders such as {gapAhead} name the facts it needs.</summary>
internal sealed record Phrase(
    EventKind Kind,
    bool IsSecondary,
    CarTraits Requires,
    CarTraits Forbids,
    PhraseCondition Conditions,
    FactKey[] NeedsFacts,
    FactKey[] NeedsAbsent,
    FactBound[] Bounds,
    string Template)
{
    /// <summary>
    /// Preference rank: car-aware advice first, then the phrasings that carry the most facts; the bare fallback
    /// (no placeholders) only when nothing richer can be filled.
    /// </summary>
    public int Specificity { get; } =
        ((Requires & (CarTraits.Hybrid | CarTraits.Drs | CarTraits.PushToPass)) != 0 ? 200 : Requires != CarTraits.None ? 100 : 0)
        + Placeholders(Template);

    private static int Placeholders(string template)
    {
        int n = 0;
        foreach (char c in template)
        {
            if (c == '{') n++;
        }
        return n;
    }
}
