namespace CrewChief.Events;

/// <summary>Everything the engine can notice. Stable numbering: logs and the training export store the name.</summary>
public enum EventKind : byte
{
    None = 0,

    // Positions and battles
    PositionGained,
    PositionLost,
    GapClosing,
    Defend,
    Attack,
    GapClear,
    DirtyAir,
    CleanAir,
    LappedTraffic,
    BlueFlagCarBehind,

    // Tyres (from the estimate, never a live reading)
    TyreCold,
    TyreOptimal,
    TyreHot,
    TyreWearWarning,
    TyreWearCritical,

    // Pace
    PaceDropping,
    PaceImproving,
    PersonalBest,

    // Race progress
    RaceStart,
    Halfway,
    LapsToGo,
    FinalLap,
    Chequered,

    // Flags and stewards
    YellowFlag,
    GreenFlag,
    BlueFlag,
    BlackFlag,
    IncidentsRising,

    // Pit lane
    PitEntry,
    PitExit,
    PitLimiterMissing,
    PitWindowOpen,
    BoxThisLap,
    RejoinEstimate,
    RivalAboutToPit,

    // Fuel
    FuelWarning,
    FuelCritical,
    FuelToFinish,
    FuelSaveTarget,

    // Spotter (CarLeftRight)
    SpotterCarLeft,
    SpotterCarRight,
    SpotterThreeWide,
    SpotterTwoCarsLeft,
    SpotterTwoCarsRight,
    SpotterStillThere,
    SpotterClear,

    // Appended by the session database: the priors from earlier sessions with this car at this track, said once.
    HistoryPriors,
    // Appended for real telemetry (issue 11): the sim's own lap time, pit-lane speeding, the moments a driver loses
    // it (spin, off, contact: from incident points, sideslip, g and the track surface) and traffic on the rejoin.
    LapTime,
    PitSpeeding,
    Spin,
    OffTrack,
    Contact,
    CarComing,
    // Appended by the race calls (real race timing): what was seen, not predicted, and the neutralisations.
    /// <summary>A rival next to the player in class was seen entering the pit lane (CarIdxOnPitRoad).</summary>
    RivalPitted,
    /// <summary>A car of a faster class closing from behind on the road (multi-class).</summary>
    FasterClassApproaching,
    SafetyCar,
    FullCourseYellow,
    RedFlag,
    /// <summary>The service is done and the car drives off: where it comes out, from the cars on the road behind.</summary>
    RejoinLeavingBox,
    /// <summary>The pits open during a caution (iRacing's PitsOpen turning true): the stop is allowed now.</summary>
    PitLaneOpen,
    /// <summary>The meatball (iRacing's Repair flag): damage the stewards want repaired in the pits.</summary>
    RepairFlag,
}
