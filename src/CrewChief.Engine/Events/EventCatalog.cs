using CrewChief.Playback;

namespace CrewChief.Events;

/// <summary>
/// Everything the engine decides per event kind: default priority, cooldown (s), time to live (s), how it is
/// delivered when something cuts in (<see cref="UtteranceKind"/>; null follows the priority: spotter, critical,
/// else routine), and whether its wording is a fixed phrase (synthesised at start-up into the phrase cache).
/// </summary>
public readonly record struct EventSpec(Priority Priority, float CooldownSeconds, float TimeToLiveSeconds,
    UtteranceKind? Delivery = null, bool FixedPhrase = false);

/// <summary>
/// The rules for every event kind in one table, so what is urgent, how often it may repeat, how long it stays worth
/// saying, how it is delivered and which wordings are fixed phrases are reviewable in one place and read from here
/// everywhere (the brain, the director, the phrase cache). Supersession follows the delivery: a
/// <see cref="UtteranceKind.Spotter"/> call replaces any older spotter call, queued or playing (the picture alongside
/// has changed); playback applies it.
/// </summary>
public static class EventCatalog
{
    private static readonly EventSpec[] s_specs = Build();

    public static int KindCount => s_specs.Length;

    public static EventSpec Spec(EventKind kind) => (uint)kind < (uint)s_specs.Length ? s_specs[(int)kind] : default;

    public static bool IsSpotter(EventKind kind) => Spec(kind).Priority == Priority.Spotter;

    /// <summary>
    /// How an event raised at <paramref name="priority"/> is delivered: spotter and critical by priority; a strategy
    /// call (numbers the driver needs in full: when cut it resumes rather than vanishes) when raised as High; else
    /// routine (at a lower priority it is a passing remark, stale by the time it could resume).
    /// </summary>
    public static UtteranceKind Delivery(EventKind kind, Priority priority) => priority switch
    {
        Priority.Spotter => UtteranceKind.Spotter,
        Priority.Critical => UtteranceKind.Critical,
        Priority.High when Spec(kind).Delivery is { } d => d,
        _ => UtteranceKind.Routine,
    };

    /// <summary>The kinds whose wordings are fixed phrases: every wording the composer can draw for them is cached at start-up.</summary>
    public static EventKind[] FixedPhraseKinds()
    {
        var kinds = new List<EventKind>();
        for (int i = 0; i < s_specs.Length; i++) if (s_specs[i].FixedPhrase) kinds.Add((EventKind)i);
        return [.. kinds];
    }

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
        // High: only a tyre measured (or with its estimate's error cleared) over the mark for 10 s of driving, which
        // costs grip every corner: more than a lap count or a gap.
        EventKind.TyreHot => new(Priority.High, 90, 15),
        EventKind.TyreWearWarning => new(Priority.High, 300, 30, UtteranceKind.Strategy),
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

        EventKind.YellowFlag => new(Priority.High, 10, 5, FixedPhrase: true),
        EventKind.GreenFlag => new(Priority.High, 10, 5, FixedPhrase: true),
        EventKind.BlueFlag => new(Priority.High, 20, 5, FixedPhrase: true),
        EventKind.BlackFlag => new(Priority.Critical, 30, 20, FixedPhrase: true),
        EventKind.IncidentsRising => new(Priority.High, 30, 20),

        EventKind.PitEntry => new(Priority.Low, 10, 5),
        EventKind.PitExit => new(Priority.Medium, 10, 10),
        EventKind.PitLimiterMissing => new(Priority.Critical, 5, 3, FixedPhrase: true),
        EventKind.PitWindowOpen => new(Priority.High, 60, 60, UtteranceKind.Strategy),
        EventKind.BoxThisLap => new(Priority.Critical, 30, 20),
        EventKind.RejoinEstimate => new(Priority.Medium, 30, 20, UtteranceKind.Strategy),
        EventKind.RivalAboutToPit => new(Priority.Medium, 60, 20),

        EventKind.FuelWarning => new(Priority.High, 120, 30, UtteranceKind.Strategy),
        EventKind.FuelCritical => new(Priority.Critical, 60, 20),
        EventKind.FuelToFinish => new(Priority.Low, 60, 30),
        // Said at the line (the target is per lap); the cooldown only keeps a short lap from hearing it twice.
        EventKind.FuelSaveTarget => new(Priority.Medium, 60, 30, UtteranceKind.Strategy),

        EventKind.SpotterCarLeft => new(Priority.Spotter, 0, 1, FixedPhrase: true),
        EventKind.SpotterCarRight => new(Priority.Spotter, 0, 1, FixedPhrase: true),
        EventKind.SpotterThreeWide => new(Priority.Spotter, 0, 1, FixedPhrase: true),
        EventKind.SpotterTwoCarsLeft => new(Priority.Spotter, 0, 1, FixedPhrase: true),
        EventKind.SpotterTwoCarsRight => new(Priority.Spotter, 0, 1, FixedPhrase: true),
        EventKind.SpotterStillThere => new(Priority.Spotter, 0, 1, FixedPhrase: true),
        EventKind.SpotterClear => new(Priority.Spotter, 0, 2, FixedPhrase: true),
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
        // Worth saying only while the car is still in the lane: a few seconds, then the exit says where it is.
        EventKind.RejoinLeavingBox => new(Priority.High, 10, 6),
        EventKind.PitLaneOpen => new(Priority.High, 30, 15),
        EventKind.RepairFlag => new(Priority.Critical, 30, 20, FixedPhrase: true),
        _ => new(Priority.Low, 60, 10),
    };
}
