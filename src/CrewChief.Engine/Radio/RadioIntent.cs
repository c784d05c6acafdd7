namespace CrewChief.Radio;

/// <summary>
/// What the driver asked for over the radio: a question answered from the strategy state, or a command that
/// changes how the engineer talks. Append only: the wire names (<see cref="RadioIntents.Name"/>) are the HTTP API.
/// </summary>
public enum RadioIntent : byte
{
    None = 0,
    // Questions.
    Fuel,
    FuelToEnd,
    FuelToAdd,
    GapAhead,
    GapBehind,
    Position,
    LastLap,
    BestLap,
    LeaderLap,
    Tyres,
    PitWindow,
    Rejoin,
    Remaining,
    Incidents,
    Flags,
    Weather,
    // Commands.
    KeepQuiet,
    TalkToMe,
    SpotterOff,
    SpotterOn,
    RepeatLast,
    NoTalkInCorners,
    TalkAnywhere,
    MoreDetail,
    LessDetail,
}

public static class RadioIntents
{
    private static readonly string[] s_names =
    [
        "none", "fuel", "fuel_to_end", "fuel_to_add", "gap_ahead", "gap_behind", "position", "last_lap", "best_lap",
        "leader_lap", "tyres", "pit_window", "rejoin", "remaining", "incidents", "flags", "weather",
        "keep_quiet", "talk_to_me", "spotter_off", "spotter_on", "repeat_last", "no_talk_in_corners", "talk_anywhere",
        "more_detail", "less_detail",
    ];

    /// <summary>The wire name ("fuel", "gap_ahead"): JSON, HTTP and the JSGF rule names.</summary>
    public static string Name(this RadioIntent intent) => s_names[(int)intent];

    public static bool IsCommand(this RadioIntent intent) => intent >= RadioIntent.KeepQuiet;

    public static bool TryParse(string? name, out RadioIntent intent)
    {
        for (int i = 1; i < s_names.Length; i++)
        {
            if (string.Equals(s_names[i], name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                intent = (RadioIntent)i;
                return true;
            }
        }
        intent = RadioIntent.None;
        return false;
    }

    public static int Count => s_names.Length;
}
