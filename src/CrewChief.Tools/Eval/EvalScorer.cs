using System.Globalization;
using CrewChief.Callouts;

namespace CrewChief.Tools.Eval;

/// <summary>One case's score on the anchor's 12 metrics, with what was missed.</summary>
public sealed record EvalScore(int Score, int Words, List<string> Misses);

/// <summary>
/// The published iRacing AI engineer's rule-based scorer, metric for metric (0–100): concise (10), TTS-suitable
/// (10), has a number (10), mentions the track or a corner (8), car-appropriate advice (8), urgency word (15),
/// one of the case's must-say words (15), an action verb (10), specific (8), a number within tolerance of the
/// input (6); −20 for a hallucination, −10 over 50 words, −15 under 5 words. Kept apart from the strict
/// grounding check, which is ours.
/// </summary>
public static class EvalScorer
{
    private static readonly string[] s_criticalWords = ["box", "now", "critical"];
    private static readonly string[] s_warningWords = ["manage", "watch", "careful"];
    private static readonly string[] s_infoWords = ["gap", "position", "lap"];

    private static readonly string[] s_cornerWords = ["turn", "corner", "hairpin", "chicane", "straight", "apex", "braking zone", "kerb"];

    private static readonly string[] s_actionVerbs =
    [
        "box", "pit", "push", "save", "defend", "attack", "manage", "lift", "brake", "hold", "keep", "protect", "cover",
        "go", "stay", "watch", "bring", "build", "use", "back off", "reset", "hit", "nurse", "ease", "carry", "serve",
        "let", "look", "drop", "pick", "get", "try", "coast", "short-shift", "cool", "regroup",
    ];

    public static EvalScore Score(EvalCase c, string response, CalloutContext ctx, GroundingVerdict verdict)
    {
        var misses = new List<string>();
        string lower = response.ToLowerInvariant();
        int words = Callout.CountWords(response);
        int score = 0;

        if (words <= 40) score += 10; else misses.Add("over 40 words");
        bool markup = response.AsSpan().IndexOfAny("*_#[]") >= 0;
        if (words is >= 10 and <= 35 && !markup) score += 10; else misses.Add("not TTS-suitable (10-35 words, no markup)");

        var numbers = Numbers(response);
        if (numbers.Count > 0) score += 10; else misses.Add("no number");

        if (MentionsTrack(lower, c, ctx)) score += 8; else misses.Add("no track or corner");
        if (CarAppropriate(lower, ctx.Car.Traits)) score += 8; else misses.Add("no car-specific advice");

        string[] urgency = c.Urgency switch
        {
            EvalUrgency.Critical => s_criticalWords,
            EvalUrgency.Warning => s_warningWords,
            _ => s_infoWords,
        };
        if (ContainsAny(lower, urgency)) score += 15; else misses.Add($"no {c.Urgency.ToString().ToLowerInvariant()} urgency word");

        if (c.MustContainAny.Count == 0 || ContainsAny(lower, [.. c.MustContainAny])) score += 15;
        else misses.Add("none of must_contain_any");

        if (ContainsAnyWord(lower, s_actionVerbs)) score += 10; else misses.Add("no action verb");

        bool specific = numbers.Count > 0 || CornerNamed(lower, ctx) || HasPositionOrLap(response);
        if (specific) score += 8; else misses.Add("not specific");

        if (NumberWithinTolerance(c.Input, numbers)) score += 6; else misses.Add("no number within tolerance of the input");

        if (verdict.Problem is GroundingProblem.UnknownName or GroundingProblem.MissingSystem || lower.Contains("kers"))
        {
            score -= 20;
            misses.Add("hallucination: " + verdict.Detail);
        }
        if (words > 50) score -= 10;
        if (words < 5) score -= 15;
        return new EvalScore(Math.Clamp(score, 0, 100), words, misses);
    }

    private static bool MentionsTrack(string lower, EvalCase c, CalloutContext ctx)
    {
        if (ContainsAnyWord(lower, s_cornerWords) || CornerNamed(lower, ctx)) return true;
        foreach (string w in c.Input.Track.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (w.Length >= 5 && lower.Contains(w.ToLowerInvariant(), StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static bool CornerNamed(string lower, CalloutContext ctx)
    {
        foreach (var corner in ctx.Track.Corners)
        {
            if (lower.Contains(corner.Name.ToLowerInvariant(), StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Advice that fits the car: a keyword of one of its traits. A car without traits needs none.</summary>
    private static bool CarAppropriate(string lower, CarTraits traits)
    {
        if (traits == CarTraits.None) return true;
        foreach (CarTraits t in Enum.GetValues<CarTraits>())
        {
            if (t == CarTraits.None || (traits & t) == 0) continue;
            if (ContainsAny(lower, TraitKeywords(t))) return true;
        }
        return false;
    }

    internal static string[] TraitKeywords(CarTraits trait) => trait switch
    {
        CarTraits.Hybrid => ["deploy", "harvest", "battery", "energy"],
        CarTraits.HighDownforce => ["downforce", "aero", "dirty air", "quick stuff", "fast corners"],
        CarTraits.RearEngine => ["rear", "traction", "rotation", "throttle"],
        CarTraits.MidEngine => ["rotation", "balance", "throttle", "entry"],
        CarTraits.FrontEngine => ["understeer", "front", "entry"],
        CarTraits.Awd => ["traction", "power down", "throttle"],
        CarTraits.StrongBrakes => ["brake", "braking"],
        CarTraits.DraftDependent => ["draft", "tow", "slipstream"],
        CarTraits.MomentumCar => ["momentum", "carry", "corner speed", "lift"],
        CarTraits.Drs => ["drs"],
        CarTraits.PushToPass => ["push-to-pass", "overtake"],
        _ => [],
    };

    private static bool HasPositionOrLap(string response)
    {
        for (int i = 0; i + 1 < response.Length; i++)
        {
            if (response[i] == 'P' && char.IsAsciiDigit(response[i + 1]) && (i == 0 || !char.IsLetter(response[i - 1]))) return true;
        }
        return response.Contains("lap ", StringComparison.OrdinalIgnoreCase) && Numbers(response).Count > 0;
    }

    private static bool NumberWithinTolerance(RaceSnapshot s, List<double> numbers)
    {
        bool any = s.FuelLapsRemaining.HasValue || s.Position.HasValue || s.GapAhead.HasValue || s.GapBehind.HasValue;
        if (!any) return true;
        foreach (double n in numbers)
        {
            if (s.FuelLapsRemaining is { } f && Math.Abs(n - f) <= 1) return true;
            if (s.Position is { } p && Math.Abs(n - p) <= 1) return true;
            if (s.GapAhead is { } a && Math.Abs(n - a) <= 0.5) return true;
            if (s.GapBehind is { } b && Math.Abs(n - b) <= 0.5) return true;
        }
        return false;
    }

    /// <summary>Every number written with digits (a lap time m:ss.f counts as its seconds).</summary>
    internal static List<double> Numbers(string text)
    {
        var list = new List<double>();
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }
            int start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))) i++;
            if (double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) list.Add(v);
        }
        return list;
    }

    private static bool ContainsAny(string lower, string[] needles)
    {
        foreach (string n in needles)
        {
            if (lower.Contains(n.ToLowerInvariant(), StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static bool ContainsAnyWord(string lower, string[] words)
    {
        foreach (string w in words)
        {
            if (GroundingCheck.IndexOfWord(lower, w) >= 0) return true;
        }
        return false;
    }
}
