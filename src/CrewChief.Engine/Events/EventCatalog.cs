namespace CrewChief.Events;

/// <summary>Default priority, per-kind cooldown (s) and time to live (s) of one event kind.</summary>
public readonly record struct EventSpec(Priority Priority, float CooldownSeconds, float TimeToLiveSeconds);

/// <summary>
/// The defaults for every event kind in one table, so the rules (what is urgent, how often it may repeat, how long
/// it stays worth saying) are reviewable in one place.
/// </summary>
public static class EventCatalog
{
    private static readonly EventSpec[] s_specs = Build();

    public static int KindCount => s_specs.Length;

    public static EventSpec Spec(EventKind kind) => (uint)kind < (uint)s_specs.Length ? s_specs[(int)kind] : default;

    public static bool IsSpotter(EventKind kind) => kind >= EventKind.SpotterCarLeft && kind <= EventKind.SpotterClear;

    /// <summary>
    /// A newer event makes an older one not yet spoken pointless: any spotter call replaces any older spotter call
    /// (the picture alongside has changed). Playback drops the older one from its queue.
    /// </summary>
    public static bool Supersedes(EventKind newer, EventKind older) => IsSpotter(newer) && IsSpotter(older);

    private static EventSpec[] Build()
    {
        var kinds = Enum.GetValues<EventKind>();
        int max = 0;
        foreach (var k in kinds) max = Math.Max(max, (int)k);
        var specs = new EventSpec[max + 1];
        foreach (var k in kinds) specs[(int)k] = Default(k);
        return specs;
    }

    private static EventSpec Default(EventKind kind) => kind switch
    {
        EventKind.PositionGained => new(Priority.Medium, 8, 8),
        EventKind.PositionLost => new(Priority.Medium, 8, 8),
        EventKind.GapClosing => new(Priority.Medium, 60, 10),
        EventKind.Defend => new(Priority.High, 30, 5),
        EventKind.Attack => new(Priority.Medium, 30, 5),
        EventKind.GapClear => new(Priority.Low, 60, 8),
        // Medium, not Low: dirty air means following within a second, which is itself a close battle, so verbosity
        // lowered in battles would otherwise mute this call every time it is true.
        EventKind.DirtyAir => new(Priority.Medium, 120, 10),
        EventKind.CleanAir => new(Priority.Low, 120, 10),
        EventKind.LappedTraffic => new(Priority.Medium, 20, 5),
        EventKind.BlueFlagCarBehind => new(Priority.High, 20, 5),

        EventKind.TyreCold => new(Priority.Medium, 120, 15),
        EventKind.TyreOptimal => new(Priority.Low, 120, 15),
        EventKind.TyreHot => new(Priority.Medium, 90, 15),
        EventKind.TyreWearWarning => new(Priority.High, 300, 30),
        EventKind.TyreWearCritical => new(Priority.Critical, 120, 30),

        EventKind.PaceDropping => new(Priority.Medium, 180, 20),
        EventKind.PaceImproving => new(Priority.Low, 180, 20),
        EventKind.PersonalBest => new(Priority.Medium, 30, 15),

        EventKind.RaceStart => new(Priority.High, 60, 10),
        // Medium like "N laps to go": as Low, any close battle at half distance muted it for good (it goes stale).
        EventKind.Halfway => new(Priority.Medium, 60, 30),
        EventKind.LapsToGo => new(Priority.Medium, 30, 30),
        EventKind.FinalLap => new(Priority.High, 30, 20),
        EventKind.Chequered => new(Priority.High, 60, 30),

        EventKind.YellowFlag => new(Priority.High, 10, 5),
        EventKind.GreenFlag => new(Priority.High, 10, 5),
        EventKind.BlueFlag => new(Priority.High, 20, 5),
        EventKind.BlackFlag => new(Priority.Critical, 30, 20),
        EventKind.IncidentsRising => new(Priority.High, 30, 20),

        EventKind.PitEntry => new(Priority.Low, 10, 5),
        EventKind.PitExit => new(Priority.Medium, 10, 10),
        EventKind.PitLimiterMissing => new(Priority.Critical, 5, 3),
        EventKind.PitWindowOpen => new(Priority.High, 60, 60),
        EventKind.BoxThisLap => new(Priority.Critical, 30, 20),
        EventKind.RejoinEstimate => new(Priority.Medium, 30, 20),
        EventKind.RivalAboutToPit => new(Priority.Medium, 60, 20),

        EventKind.FuelWarning => new(Priority.High, 120, 30),
        EventKind.FuelCritical => new(Priority.Critical, 60, 20),
        EventKind.FuelToFinish => new(Priority.Low, 60, 30),
        EventKind.FuelSaveTarget => new(Priority.Medium, 180, 30),

        EventKind.SpotterCarLeft => new(Priority.Spotter, 0, 1),
        EventKind.SpotterCarRight => new(Priority.Spotter, 0, 1),
        EventKind.SpotterThreeWide => new(Priority.Spotter, 0, 1),
        EventKind.SpotterTwoCarsLeft => new(Priority.Spotter, 0, 1),
        EventKind.SpotterTwoCarsRight => new(Priority.Spotter, 0, 1),
        EventKind.SpotterStillThere => new(Priority.Spotter, 0, 1),
        EventKind.SpotterClear => new(Priority.Spotter, 0, 2),
        EventKind.HistoryPriors => new(Priority.Medium, 600, 60),

        // One a lap, only at full verbosity: the sim's own time and the delta to the best.
        EventKind.LapTime => new(Priority.Low, 5, 10),
        EventKind.PitSpeeding => new(Priority.Critical, 5, 3),
        // Said at once or not at all: a second later the driver knows, and three seconds later it is old news.
        EventKind.Spin => new(Priority.Critical, 5, 3),
        EventKind.OffTrack => new(Priority.Critical, 5, 3),
        EventKind.Contact => new(Priority.Critical, 5, 3),
        EventKind.CarComing => new(Priority.Critical, 5, 2),

        EventKind.RivalPitted => new(Priority.Medium, 10, 8),
        EventKind.FasterClassApproaching => new(Priority.High, 10, 4),
        EventKind.SafetyCar => new(Priority.Critical, 10, 8),
        EventKind.FullCourseYellow => new(Priority.Critical, 10, 8),
        EventKind.RedFlag => new(Priority.Critical, 10, 10),
        _ => new(Priority.Low, 60, 10),
    };
}
