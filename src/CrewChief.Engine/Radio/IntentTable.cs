namespace CrewChief.Radio;

/// <summary>
/// Every radio intent with the ways a driver says it. One table feeds both the recogniser's JSGF grammar (so
/// PocketSphinx can only hear these sentences) and the text matcher (typed questions, HTTP). Phrasings are lower
/// case, words only, and every word must be in the en-us pronunciation dictionary (a test checks). Short two-word
/// phrasings ("tyre check", "fuel check") were heard as other sentences in the bench's question set and became
/// three-word ones; no command has a phrasing that is another command's minus a word ("talk in the corners" vs
/// "don't talk in the corners"), since a dropped word would flip its meaning.
/// </summary>
public sealed class IntentTable
{
    public static IntentTable Default { get; } = new(
    [
        (RadioIntent.Fuel, [
            "how's my fuel", "how is my fuel", "how's the fuel", "check my fuel", "how many laps of fuel",
            "how many laps of fuel do i have", "how much fuel do i have", "fuel status",
        ]),
        (RadioIntent.FuelToEnd, [
            "do i have enough fuel", "can i make it to the end", "will i make the finish on fuel",
            "how much fuel to the end", "fuel to the end", "is the fuel enough",
        ]),
        (RadioIntent.FuelToAdd, [
            "how much fuel should i add", "how much fuel do i need", "fuel to add", "how much fuel at the stop",
            "what fuel do we need",
        ]),
        (RadioIntent.GapAhead, [
            "what's the gap ahead", "gap ahead", "gap to the car ahead", "how far ahead is the next car",
            "what's the gap in front", "gap in front",
        ]),
        (RadioIntent.GapBehind, [
            "what's the gap behind", "gap behind", "gap to the car behind", "how far behind is the next car",
            "who's behind me", "how close is the car behind",
        ]),
        (RadioIntent.Position, [
            "what position am i", "what's my position", "where am i running", "what place am i in",
            "position check", "what's my class position",
        ]),
        (RadioIntent.LastLap, [
            "what was my last lap", "last lap time", "how fast was that lap", "what was that lap", "lap time",
        ]),
        (RadioIntent.BestLap, [
            "what's my best lap", "best lap time", "what's my fastest lap", "my best lap",
        ]),
        (RadioIntent.LeaderLap, [
            "what did the leader do", "leader's last lap", "what's the leader's pace", "how fast is the leader",
        ]),
        (RadioIntent.Tyres, [
            "how are my tyres", "how are the tyres", "check my tyres", "what are the tyre temps", "how much tyre wear",
            "how are my tires", "check the tires",
        ]),
        (RadioIntent.PitWindow, [
            "should i box", "when do i pit", "when should i pit", "when is the pit window", "pit window",
            "when do i box", "box this lap",
        ]),
        (RadioIntent.Rejoin, [
            "where will i rejoin", "where do i come out", "where would i rejoin", "if i pit now where do i come out",
            "rejoin position",
        ]),
        (RadioIntent.Remaining, [
            "how many laps left", "how many laps to go", "laps remaining", "how long to go", "how much time is left",
            "time remaining",
        ]),
        (RadioIntent.Incidents, [
            "how many incidents do i have", "incident count", "how many incidents", "what are my incidents",
        ]),
        (RadioIntent.Flags, [
            "do i have a penalty", "any penalties", "what flag is out", "any flags", "what's the flag",
            "is there a yellow",
        ]),
        (RadioIntent.Weather, [
            "what's the track temp", "track temperature", "what's the weather", "how hot is the track",
            "air temperature", "weather check",
        ]),
        (RadioIntent.KeepQuiet, [
            "keep quiet", "be quiet", "stop talking", "quiet please", "shut up",
        ]),
        (RadioIntent.TalkToMe, [
            "talk to me", "you can talk again", "start talking", "keep me informed",
        ]),
        (RadioIntent.SpotterOff, [
            "spotter off", "turn the spotter off", "no spotter", "disable spotter",
        ]),
        (RadioIntent.SpotterOn, [
            "spotter on", "turn the spotter on", "enable spotter", "i need the spotter",
        ]),
        (RadioIntent.RepeatLast, [
            "say again", "repeat that", "repeat last", "what did you say", "come again",
        ]),
        (RadioIntent.NoTalkInCorners, [
            "don't talk in the corners", "do not talk in the corners", "no talking in the corners",
            "only talk on the straights",
        ]),
        (RadioIntent.TalkAnywhere, [
            "talk anywhere", "you can talk in the corners", "talk whenever",
        ]),
        (RadioIntent.MoreDetail, [
            "more detail", "give me more detail", "tell me more", "more information",
        ]),
        (RadioIntent.LessDetail, [
            "less detail", "give me less detail", "less talking", "keep it short",
        ]),
    ]);

    private readonly (RadioIntent Intent, string[] Phrasings)[] _rows;
    private readonly Dictionary<string, RadioIntent> _byPhrase = new(StringComparer.Ordinal);

    public IntentTable((RadioIntent Intent, string[] Phrasings)[] rows)
    {
        _rows = rows;
        foreach (var (intent, phrasings) in rows)
        {
            foreach (string p in phrasings)
            {
                string key = IntentMatcher.Normalise(p);
                if (!_byPhrase.TryAdd(key, intent))
                    throw new ArgumentException($"radio phrasing '{p}' is given to both {_byPhrase[key]} and {intent}");
            }
        }
    }

    public ReadOnlySpan<(RadioIntent Intent, string[] Phrasings)> Rows => _rows;

    /// <summary>The intent a phrasing belongs to, exactly as the grammar lets the recogniser say it.</summary>
    public bool TryExact(string normalised, out RadioIntent intent) => _byPhrase.TryGetValue(normalised, out intent);

    /// <summary>Every distinct word of every phrasing (for the dictionary check).</summary>
    public SortedSet<string> Words()
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, phrasings) in _rows)
            foreach (string p in phrasings)
                foreach (string w in p.Split(' ', StringSplitOptions.RemoveEmptyEntries)) words.Add(w);
        return words;
    }
}
