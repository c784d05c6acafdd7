using CrewChief.Callouts;
using CrewChief.Events;

namespace CrewChief.Tests.Callouts;

/// <summary>Contexts and events for the callout tests, built from the shipped catalogs.</summary>
internal static class CalloutFixtures
{
    public static CalloutContext Context(string car, string track, int position = 5, double lapPct = 0.2, Units units = Units.Metric)
    {
        var info = CarCatalog.Default.FindOrUnknown(car);
        var t = TrackCatalog.Default.TryFind(track, out var known) ? known : TrackInfo.Unknown(track, false);
        return new CalloutContext(info, t) { PlayerPosition = position, LapDistPct = lapPct, Units = units };
    }

    public static RaceEvent Event(EventKind kind, Priority priority, params (FactKey Key, double Value)[] facts)
    {
        var set = new FactSet();
        foreach (var (k, v) in facts) Assert.True(set.Set(k, v), $"too many facts for {kind}");
        return new RaceEvent(kind, priority, 100, 1000, 10, set);
    }

    /// <summary>The facts a detector would raise each kind with (at most 8, the FactSet capacity).</summary>
    public static RaceEvent Typical(EventKind kind) => kind switch
    {
        EventKind.PositionGained or EventKind.PositionLost => Event(kind, Priority.Medium,
            (FactKey.Position, 5), (FactKey.PreviousPosition, 6), (FactKey.PositionsChanged, 1), (FactKey.GapAhead, 1.23), (FactKey.GapBehind, 0.84)),
        EventKind.GapClosing => Event(kind, Priority.Medium, (FactKey.GapAhead, 1.46), (FactKey.ClosingRate, 0.31), (FactKey.CarIdx, 7), (FactKey.Position, 5)),
        EventKind.GapClear or EventKind.CleanAir => Event(kind, Priority.Low, (FactKey.GapAhead, 4.1), (FactKey.GapBehind, 3.2), (FactKey.Position, 5)),
        EventKind.Defend or EventKind.Attack or EventKind.DirtyAir
            or EventKind.LappedTraffic or EventKind.BlueFlagCarBehind => Event(kind, Priority.High,
            (FactKey.GapAhead, 0.62), (FactKey.GapBehind, 0.48), (FactKey.Position, 5), (FactKey.CarNumber, 23)),
        EventKind.TyreCold or EventKind.TyreOptimal or EventKind.TyreHot => Event(kind, Priority.High,
            (FactKey.TyreCorner, 0), (FactKey.TyreTemp, kind == EventKind.TyreCold ? 57.4 : 108.6), (FactKey.Lap, 3), (FactKey.TrackTemp, 38.2)),
        EventKind.TyreWearWarning or EventKind.TyreWearCritical => Event(kind, kind == EventKind.TyreWearCritical ? Priority.Critical : Priority.Medium,
            (FactKey.TyreCorner, -2), (FactKey.TyreWear, 81.6), (FactKey.LapsRemaining, 9)),
        EventKind.PaceDropping or EventKind.PaceImproving or EventKind.PersonalBest => Event(kind, Priority.Medium,
            (FactKey.LapTime, 102.34), (FactKey.BestLapTime, 101.9), (FactKey.DeltaToBest, 0.44), (FactKey.PaceTrend, 0.21), (FactKey.Position, 5)),
        EventKind.RaceStart or EventKind.GreenFlag or EventKind.Chequered => Event(kind, Priority.High, (FactKey.Position, 5), (FactKey.TotalLaps, 20)),
        EventKind.Halfway or EventKind.LapsToGo or EventKind.FinalLap => Event(kind, Priority.Medium,
            (FactKey.LapsRemaining, kind == EventKind.FinalLap ? 1 : 10), (FactKey.Position, 5), (FactKey.GapAhead, 2.4), (FactKey.GapBehind, 0.9)),
        EventKind.IncidentsRising => Event(kind, Priority.High, (FactKey.Incidents, 12), (FactKey.IncidentsAdded, 4), (FactKey.IncidentLimit, 25)),
        EventKind.PitEntry or EventKind.PitLimiterMissing => Event(kind, Priority.Critical, (FactKey.PitSpeedLimit, 16.67), (FactKey.Speed, 19.4)),
        EventKind.PitExit => Event(kind, Priority.Medium, (FactKey.Position, 8)),
        EventKind.PitWindowOpen => Event(kind, Priority.Medium, (FactKey.Lap, 14), (FactKey.PitWindowOpenLap, 14), (FactKey.PitWindowCloseLap, 20), (FactKey.GapBehind, 3.2)),
        EventKind.BoxThisLap => Event(kind, Priority.Critical,
            (FactKey.FuelLapsLeft, 1.6), (FactKey.RejoinPosition, 8), (FactKey.FuelToAdd, 42.3), (FactKey.GapBehind, 3.2)),
        EventKind.RejoinEstimate => Event(kind, Priority.Medium, (FactKey.RejoinPosition, 8), (FactKey.RejoinGapAhead, 2.1), (FactKey.RejoinGapBehind, 1.4), (FactKey.PitLaneLoss, 24.6)),
        EventKind.RivalAboutToPit => Event(kind, Priority.Medium, (FactKey.CarIdx, 7), (FactKey.RivalPitProbability, 0.7), (FactKey.GapAhead, 1.9)),
        EventKind.RivalPitted => Event(kind, Priority.Medium, (FactKey.CarNumber, 51), (FactKey.RivalPosition, 4), (FactKey.Position, 5)),
        EventKind.FasterClassApproaching => Event(kind, Priority.High, (FactKey.CarNumber, 6), (FactKey.RivalPosition, 2), (FactKey.GapBehind, 2.6)),
        EventKind.SafetyCar or EventKind.FullCourseYellow or EventKind.RedFlag => Event(kind, Priority.Critical, (FactKey.Position, 5)),
        EventKind.FuelWarning or EventKind.FuelCritical or EventKind.FuelToFinish or EventKind.FuelSaveTarget => Event(kind, Priority.High,
            (FactKey.FuelLapsLeft, 4.6), (FactKey.LapsRemaining, 5), (FactKey.FuelLevel, 11.8), (FactKey.FuelPerLap, 2.57), (FactKey.FuelSavePerLap, 0.12)),
        EventKind.HistoryPriors => Event(kind, Priority.Medium, (FactKey.FuelPerLap, 2.41), (FactKey.PitLaneLoss, 23.5), (FactKey.BestLapTime, 57.3), (FactKey.SessionsAgo, 1)),
        EventKind.LapTime => Event(kind, Priority.Low, (FactKey.LapTime, 92.431), (FactKey.BestLapTime, 91.874), (FactKey.DeltaToBest, 0.557), (FactKey.Lap, 7)),
        EventKind.PitSpeeding => Event(kind, Priority.Critical, (FactKey.Speed, 17.4), (FactKey.PitSpeedLimit, 16.67)),
        EventKind.RejoinLeavingBox => Event(kind, Priority.High, (FactKey.RejoinPosition, 6), (FactKey.RejoinGapAhead, 3.4), (FactKey.RejoinGapBehind, 2.1)),
        _ => Event(kind, kind >= EventKind.SpotterCarLeft && kind <= EventKind.SpotterClear ? Priority.Spotter : Priority.High),
    };

    public static IEnumerable<EventKind> AllKinds()
    {
        foreach (var kind in Enum.GetValues<EventKind>())
        {
            if (kind != EventKind.None) yield return kind;
        }
    }
}
