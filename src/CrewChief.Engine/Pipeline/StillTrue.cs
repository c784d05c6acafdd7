using CrewChief.Events;

namespace CrewChief.Pipeline;

/// <summary>
/// A callout can wait seconds behind others. Just before it is handed to speech its facts are re-checked against
/// the newest <see cref="PlayerState"/> (by the director), and again when playback's turn for it comes (already
/// synthesised, so there it can only be dropped): a claim that no longer holds is dropped (the car that was being attacked
/// was passed, a rival "about to pit" is already in the pit lane, a place "gained" was lost again), one that still
/// holds with other numbers is recomposed from the new numbers (now two places up, the gap now 0.4 s). Only claims
/// the state can judge are checked; everything else holds. The thresholds are the detectors' own.
/// </summary>
public static class StillTrue
{
    /// <summary>A gap that moved less than this still reads the same (gaps are spoken to a tenth).</summary>
    public const double GapTolerance = 0.05;
    /// <summary>At playback the words are fixed: a gap off by less than this is still fair, more is dropped.</summary>
    public const double SpokenGapTolerance = 0.25;
    /// <summary>A "closing" gap that has grown by more than this since is not closing any more.</summary>
    private const double ClosingSlack = 0.3;

    /// <summary>True for the kinds whose claims the player state can judge.</summary>
    public static bool CanGoStale(EventKind kind) => kind is EventKind.PositionGained or EventKind.PositionLost or EventKind.Attack
        or EventKind.Defend or EventKind.GapClosing or EventKind.GapClear or EventKind.RivalAboutToPit;

    /// <summary>
    /// For <see cref="Playback.Utterance.StillTrue"/>: the callout's words are fixed by then, so anything but
    /// <see cref="StillTrueVerdict.Holds"/> (within <see cref="SpokenGapTolerance"/>) means it is no longer so.
    /// </summary>
    public static Func<bool>? Probe(RaceEvent e, LatestPlayerState player)
    {
        if (!CanGoStale(e.Kind)) return null;
        return () =>
        {
            RaceEvent copy = e;
            return Check(ref copy, player.Read(), SpokenGapTolerance) == StillTrueVerdict.Holds;
        };
    }

    /// <param name="gapTolerance">A gap that moved less than this holds as it was said.</param>
    public static StillTrueVerdict Check(ref RaceEvent e, in PlayerState now, double gapTolerance = GapTolerance)
    {
        if (!now.IsKnown || now.SessionTime < e.SessionTime) return StillTrueVerdict.Holds;
        switch (e.Kind)
        {
            case EventKind.PositionGained:
            case EventKind.PositionLost:
                return Position(ref e, now);
            case EventKind.Attack:
                return now.OnPitRoad ? StillTrueVerdict.Stale : Gap(ref e, FactKey.GapAhead, now.CarAheadIdx, now.GapAhead, BattleEvents.AttackRearm, gapTolerance);
            case EventKind.Defend:
                return now.OnPitRoad ? StillTrueVerdict.Stale : Gap(ref e, FactKey.GapBehind, now.CarBehindIdx, now.GapBehind, BattleEvents.DefendRearm, gapTolerance);
            case EventKind.GapClosing:
                if (now.OnPitRoad) return StillTrueVerdict.Stale;
                return e.Facts.Contains(FactKey.GapAhead)
                    ? Gap(ref e, FactKey.GapAhead, now.CarAheadIdx, now.GapAhead, e.Facts.GetOrDefault(FactKey.GapAhead) + ClosingSlack, gapTolerance)
                    : Gap(ref e, FactKey.GapBehind, now.CarBehindIdx, now.GapBehind, e.Facts.GetOrDefault(FactKey.GapBehind) + ClosingSlack, gapTolerance);
            case EventKind.GapClear:
                return Clear(ref e, now, gapTolerance);
            case EventKind.RivalAboutToPit:
                // Already in the pit lane: "about to pit" is old news.
                return e.Facts.TryGet(FactKey.CarIdx, out double rival) && now.IsOnPitRoad((int)rival) ? StillTrueVerdict.Stale : StillTrueVerdict.Holds;
            default:
                return StillTrueVerdict.Holds;
        }
    }

    private static StillTrueVerdict Position(ref RaceEvent e, in PlayerState now)
    {
        if (now.Position <= 0 || !e.Facts.TryGet(FactKey.Position, out double said) || !e.Facts.TryGet(FactKey.PreviousPosition, out double before))
            return StillTrueVerdict.Holds;
        int current = now.Position, previous = (int)before;
        if (current == (int)said) return StillTrueVerdict.Holds;
        bool stillSo = e.Kind == EventKind.PositionGained ? current < previous : current > previous;
        if (!stillSo) return StillTrueVerdict.Stale;
        var facts = e.Facts;
        facts.Set(FactKey.Position, current);
        facts.Set(FactKey.PositionsChanged, previous - current);
        e = e with { Facts = facts };
        return StillTrueVerdict.Recomposed;
    }

    /// <summary>The same car is still there and the gap still inside the claim's range; the number follows the road.</summary>
    private static StillTrueVerdict Gap(ref RaceEvent e, FactKey key, int carNow, double gapNow, double max, double tolerance)
    {
        if (!e.Facts.TryGet(key, out double said) || double.IsNaN(gapNow)) return StillTrueVerdict.Holds;
        if (e.Facts.TryGet(FactKey.CarIdx, out double car) && carNow >= 0 && (int)car != carNow) return StillTrueVerdict.Stale;
        if (!(gapNow < max)) return StillTrueVerdict.Stale;
        return Renumber(ref e, key, said, gapNow, tolerance);
    }

    /// <summary>"Clear behind" holds while nobody is within the clear gap.</summary>
    private static StillTrueVerdict Clear(ref RaceEvent e, in PlayerState now, double tolerance)
    {
        if (!e.Facts.TryGet(FactKey.GapBehind, out double said)) return StillTrueVerdict.Holds;
        if (now.GapBehind <= BattleEvents.ClearGap) return StillTrueVerdict.Stale;
        if (double.IsNaN(now.GapBehind) || double.IsNaN(said)) return StillTrueVerdict.Holds;
        if (e.Facts.TryGet(FactKey.CarIdx, out double car) && now.CarBehindIdx >= 0 && (int)car != now.CarBehindIdx) return StillTrueVerdict.Holds;
        return Renumber(ref e, FactKey.GapBehind, said, now.GapBehind, tolerance);
    }

    private static StillTrueVerdict Renumber(ref RaceEvent e, FactKey key, double said, double now, double tolerance)
    {
        if (Math.Abs(now - said) < tolerance) return StillTrueVerdict.Holds;
        var facts = e.Facts;
        facts.Set(key, now);
        e = e with { Facts = facts };
        return StillTrueVerdict.Recomposed;
    }
}
