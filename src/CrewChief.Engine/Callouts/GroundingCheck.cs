namespace CrewChief.Callouts;

/// <summary>
/// Decides whether a callout (a whole sentence or one streamed clause) says only what its facts support: every
/// number, written or spoken, is a fact value or a rounding or unit conversion of one; every P&lt;n&gt; is the car's
/// position or a known neighbour's; every corner is on this track; no name the session did not give; no system
/// the car lacks. The LLM path streams clauses through it, so it runs a few times a second at most and may
/// allocate a little.
/// </summary>
public static class GroundingCheck
{
    private static readonly string[] s_hybridWords =
        ["deploy", "deploys", "deployment", "deploying", "harvest", "harvesting", "battery", "ers", "mgu", "mgu-k", "mgu-h", "hybrid", "regen"];

    private static readonly string[] s_pushToPassWords = ["push-to-pass", "p2p"];

    /// <summary>Words that make a lone "one" a quantity ("one lap") rather than a pronoun ("the one behind").</summary>
    private static readonly string[] s_unitWords =
    [
        "lap", "laps", "second", "seconds", "tenth", "tenths", "litre", "litres", "liter", "liters", "gallon", "gallons",
        "degree", "degrees", "percent", "place", "places", "position", "positions", "incident", "incidents", "minute",
        "minutes", "stop", "stops", "kilometre", "kilometres", "mile", "miles", "point",
    ];

    /// <summary>Capitalised words that are not names.</summary>
    private static readonly string[] s_lexicon =
    [
        "P", "I", "OK", "Okay", "DRS", "TC", "ABS", "Turn", "Box", "Green", "Yellow", "Blue", "Black", "L", "Now", "Push",
        "Good", "Great", "Nice", "Copy", "Fuel", "Tyres", "Tires", "Tyre", "Tire", "Lap", "Laps", "Gap", "Pit", "Car", "Cars",
        "Clear", "Left", "Right", "Careful", "Watch", "Manage", "Save", "Defend", "Attack", "Brake", "Final", "Last", "Go",
        "Stay", "Keep", "Hold", "Position", "Pace", "Limiter", "Flag", "Chequered", "Checkered", "Safety", "Full", "Course",
    ];

    private static readonly string[] s_ordinals =
    [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
        "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
    ];

    public static GroundingVerdict Check(ReadOnlySpan<char> text, in GroundingFacts facts)
    {
        Span<char> buffer = text.Length <= 1024 ? stackalloc char[text.Length] : new char[text.Length];
        text.CopyTo(buffer);

        // Known names are taken out first so their own digits and capitals ("Turn 1", "Les Combes") are not
        // judged as numbers or strangers.
        foreach (var corner in facts.Track.Corners) Mask(buffer, corner.Name);
        foreach (string spoken in facts.Track.SpokenCornerNames) Mask(buffer, spoken);
        Mask(buffer, facts.Track.DisplayName);
        foreach (string alias in facts.Track.Aliases) Mask(buffer, alias);
        Mask(buffer, facts.Car.ScreenName);
        foreach (string name in facts.Names) Mask(buffer, name);

        if (ForeignCorners.FindIn(buffer, facts.Track) is { } foreign)
            return new(GroundingProblem.WrongCorner, $"'{foreign}' is not a corner of {Describe(facts.Track)}");

        var tokens = Tokenizer.Read(buffer);
        for (int t = 0; t < tokens.Count; t++)
        {
            Token token = tokens[t];
            ReadOnlySpan<char> word = buffer.Slice(token.Start, token.Length);
            switch (token.Kind)
            {
                case TokenKind.Position:
                    if (!HasPosition(facts, token.Value)) return new(GroundingProblem.WrongPosition, $"'{word}' is neither your position nor a neighbour's");
                    break;
                case TokenKind.CornerNumber:
                    return new(GroundingProblem.WrongCorner, $"'{word}' is not a named corner of {Describe(facts.Track)}");
                case TokenKind.Number:
                    if (IsTurnReference(tokens, t, buffer)) return new(GroundingProblem.WrongCorner, $"turn {word} is not a named corner of {Describe(facts.Track)}");
                    if (!IsGrounded(facts, token.Value, token.Decimals)) return new(GroundingProblem.UngroundedNumber, $"'{word}' is not in the facts");
                    break;
                case TokenKind.Word:
                {
                    var verdict = CheckWord(tokens, ref t, buffer, facts);
                    if (!verdict.IsGrounded) return verdict;
                    break;
                }
            }
        }
        return GroundingVerdict.Ok;
    }

    private static GroundingVerdict CheckWord(List<Token> tokens, ref int t, ReadOnlySpan<char> buffer, in GroundingFacts facts)
    {
        Token token = tokens[t];
        ReadOnlySpan<char> word = buffer.Slice(token.Start, token.Length);

        if (word.Equals("kers", StringComparison.OrdinalIgnoreCase))
            return new(GroundingProblem.MissingSystem, "KERS is not a system of any car we race");
        if (word.Equals("drs", StringComparison.OrdinalIgnoreCase) && !facts.Car.Has(CarTraits.Drs))
            return new(GroundingProblem.MissingSystem, $"DRS: the {CarName(facts)} has none");
        if (!facts.Car.Has(CarTraits.Hybrid) && IsOneOf(word, s_hybridWords))
            return new(GroundingProblem.MissingSystem, $"'{word}': the {CarName(facts)} is not a hybrid");
        if (!facts.Car.Has(CarTraits.PushToPass) && IsOneOf(word, s_pushToPassWords))
            return new(GroundingProblem.MissingSystem, $"'{word}': the {CarName(facts)} has no push-to-pass");

        // "third place", "fifth position": a position said as an ordinal.
        int ordinal = OrdinalValue(word);
        if (ordinal > 0 && t + 1 < tokens.Count && tokens[t + 1].Kind == TokenKind.Word)
        {
            ReadOnlySpan<char> nextWord = buffer.Slice(tokens[t + 1].Start, tokens[t + 1].Length);
            if ((nextWord.StartsWith("place", StringComparison.OrdinalIgnoreCase) || nextWord.StartsWith("position", StringComparison.OrdinalIgnoreCase))
                && !HasPosition(facts, ordinal))
                return new(GroundingProblem.WrongPosition, $"'{word} {nextWord}' is neither your position nor a neighbour's");
        }

        // Amounts said without a number word: "half a second", "a tenth", "a couple of tenths".
        // They are roundings too, to the nearest half or tenth, so they get that much slack.
        double implied = ImpliedAmount(tokens, t, buffer);
        if (implied > 0 && !IsNear(facts, implied, implied >= 0.5 ? 0.1 : 0.05))
            return new(GroundingProblem.UngroundedNumber, $"'{word}…' ({implied}) is not in the facts");

        // Spoken numbers: a run of number words, read as a cardinal or a lap time.
        if (NumberRun.TryRead(tokens, t, buffer, out var run))
        {
            int after = t + run.WordCount;
            bool quantity = run.WordCount > 1 || !run.IsLoneOne
                || (after < tokens.Count && tokens[after].Kind == TokenKind.Word && IsOneOf(buffer.Slice(tokens[after].Start, tokens[after].Length), s_unitWords));
            bool tenths = after < tokens.Count && tokens[after].Kind == TokenKind.Word
                && buffer.Slice(tokens[after].Start, tokens[after].Length).StartsWith("tenth", StringComparison.OrdinalIgnoreCase);
            string spoken = buffer.Slice(token.Start, tokens[after - 1].Start + tokens[after - 1].Length - token.Start).ToString();
            if (quantity)
            {
                Token? before = t > 0 ? tokens[t - 1] : null;
                ReadOnlySpan<char> prev = before is { Kind: TokenKind.Word } b ? buffer.Slice(b.Start, b.Length) : default;
                if (prev.Equals("P", StringComparison.Ordinal))
                {
                    if (!HasPosition(facts, run.Value)) return new(GroundingProblem.WrongPosition, $"'P {spoken}' is neither your position nor a neighbour's");
                }
                else if (prev.Equals("turn", StringComparison.OrdinalIgnoreCase))
                {
                    return new(GroundingProblem.WrongCorner, $"turn {spoken} is not a named corner of {Describe(facts.Track)}");
                }
                else
                {
                    bool ok = IsGrounded(facts, run.Value, run.Decimals)
                        || (run.LapTimeValue > 0 && IsGrounded(facts, run.LapTimeValue, run.Decimals))
                        || (tenths && IsGrounded(facts, run.Value / 10, 1));
                    if (!ok) return new(GroundingProblem.UngroundedNumber, $"'{spoken}' is not in the facts");
                }
            }
            t = after - 1;
            return GroundingVerdict.Ok;
        }

        if (char.IsUpper(word[0]) && !token.SentenceStart && !IsKnownCapital(word, facts))
            return new(GroundingProblem.UnknownName, $"'{word}' is not a name we were given");
        // A capital after a small letter ("pitCCC", "witI") is no English word, and a name only when the session
        // gave it ("McLaren" is masked above when it is the car): it is what a broken or mismatched model writes.
        if (HasInnerCapital(word) && !IsKnownCapital(word, facts))
            return new(GroundingProblem.UnknownName, $"'{word}' is neither a word nor a name we were given");
        return GroundingVerdict.Ok;
    }

    private static bool HasInnerCapital(ReadOnlySpan<char> word)
    {
        for (int i = 1; i < word.Length; i++)
        {
            if (char.IsUpper(word[i]) && char.IsLower(word[i - 1])) return true;
        }
        return false;
    }

    private static double ImpliedAmount(List<Token> tokens, int t, ReadOnlySpan<char> buffer)
    {
        ReadOnlySpan<char> w = WordAt(tokens, t, buffer);
        ReadOnlySpan<char> next = WordAt(tokens, t + 1, buffer);
        if (w.Equals("half", StringComparison.OrdinalIgnoreCase) && next.Equals("a", StringComparison.OrdinalIgnoreCase)) return 0.5;
        if (w.Equals("a", StringComparison.OrdinalIgnoreCase) && next.Equals("tenth", StringComparison.OrdinalIgnoreCase)) return 0.1;
        if (w.Equals("couple", StringComparison.OrdinalIgnoreCase) && next.Equals("of", StringComparison.OrdinalIgnoreCase)
            && WordAt(tokens, t + 2, buffer).StartsWith("tenth", StringComparison.OrdinalIgnoreCase)) return 0.2;
        return 0;
    }

    private static ReadOnlySpan<char> WordAt(List<Token> tokens, int i, ReadOnlySpan<char> buffer) =>
        i < tokens.Count && tokens[i].Kind == TokenKind.Word ? buffer.Slice(tokens[i].Start, tokens[i].Length) : default;

    private static int OrdinalValue(ReadOnlySpan<char> word)
    {
        for (int i = 0; i < s_ordinals.Length; i++)
        {
            if (word.Equals(s_ordinals[i], StringComparison.OrdinalIgnoreCase)) return i + 1;
        }
        return 0;
    }

    private static bool IsTurnReference(List<Token> tokens, int t, ReadOnlySpan<char> buffer)
    {
        if (t == 0 || tokens[t - 1].Kind != TokenKind.Word) return false;
        Token prev = tokens[t - 1];
        return buffer.Slice(prev.Start, prev.Length).Equals("turn", StringComparison.OrdinalIgnoreCase);
    }

    private static bool HasPosition(in GroundingFacts facts, double value)
    {
        foreach (int p in facts.Positions)
        {
            if (p == value) return true;
        }
        return false;
    }

    /// <summary>
    /// True when <paramref name="x"/>, written with <paramref name="decimals"/> decimals, is a fact value rounded
    /// (or, for whole numbers, floored or ceiled: "2 laps left" of 2.7 is honest).
    /// </summary>
    internal static bool IsGrounded(in GroundingFacts facts, double x, int decimals)
    {
        double scale = Math.Pow(10, decimals);
        foreach (double v in facts.Values)
        {
            double a = Math.Abs(v);
            if (Math.Abs(Math.Round(a * scale, MidpointRounding.AwayFromZero) / scale - x) < 1e-6) return true;
            if (Math.Abs(Math.Round(v * scale, MidpointRounding.AwayFromZero) / scale - x) < 1e-6) return true;
            // Floor/ceil only for real quantities: "1 lap" must not be grounded by a 0.4 s gap.
            if (decimals == 0 && a >= 1 && (Math.Floor(a) == x || Math.Ceiling(a) == x)) return true;
            if (decimals > 0 && Math.Abs(Math.Floor(a * scale) / scale - x) < 1e-6) return true;
        }
        return false;
    }

    private static bool IsNear(in GroundingFacts facts, double x, double tolerance)
    {
        foreach (double v in facts.Values)
        {
            if (Math.Abs(Math.Abs(v) - x) <= tolerance + 1e-9) return true;
        }
        return false;
    }

    private static bool IsKnownCapital(ReadOnlySpan<char> word, in GroundingFacts facts)
    {
        if (IsOneOf(word, s_lexicon)) return true;
        // Acronyms (TC, ABS) are systems, not people; the ones we police are handled above.
        bool allCaps = word.Length >= 2;
        foreach (char c in word)
        {
            if (char.IsLetter(c) && !char.IsUpper(c)) allCaps = false;
        }
        if (allCaps) return true;
        if (ContainsWord(facts.Car.ScreenName, word) || ContainsWord(facts.Car.ClassName, word)) return true;
        if (ContainsWord(facts.Track.DisplayName, word)) return true;
        foreach (var c in facts.Track.Corners)
        {
            if (ContainsWord(c.Name, word)) return true;
        }
        foreach (string spoken in facts.Track.SpokenCornerNames)
        {
            if (ContainsWord(spoken, word)) return true;
        }
        foreach (string n in facts.Names)
        {
            if (ContainsWord(n, word)) return true;
        }
        return false;
    }

    private static bool ContainsWord(string haystack, ReadOnlySpan<char> word) =>
        haystack.Length > 0 && IndexOfWord(haystack, word) >= 0;

    private static bool IsOneOf(ReadOnlySpan<char> word, string[] list)
    {
        foreach (string s in list)
        {
            if (word.Equals(s, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Blanks every whole-word occurrence of <paramref name="name"/>.</summary>
    private static void Mask(Span<char> buffer, string name)
    {
        if (name.Length < 2) return;
        int from = 0;
        while (from < buffer.Length)
        {
            int at = IndexOfWord(buffer[from..], name);
            if (at < 0) return;
            buffer.Slice(from + at, name.Length).Fill(' ');
            from += at + name.Length;
        }
    }

    /// <summary>Case-insensitive search for <paramref name="word"/> with non-alphanumeric characters on both sides.</summary>
    internal static int IndexOfWord(ReadOnlySpan<char> text, ReadOnlySpan<char> word,
        StringComparison comparison = StringComparison.OrdinalIgnoreCase)
    {
        int from = 0;
        while (from <= text.Length - word.Length)
        {
            int at = text[from..].IndexOf(word, comparison);
            if (at < 0) return -1;
            at += from;
            int end = at + word.Length;
            bool left = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            bool right = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (left && right) return at;
            from = at + 1;
        }
        return -1;
    }

    private static string Describe(TrackInfo track) => track.DisplayName.Length > 0 ? track.DisplayName : "this track";

    private static string CarName(in GroundingFacts facts) => facts.Car.ScreenName.Length > 0 ? facts.Car.ScreenName : "car";
}
