namespace CrewChief.Events;

/// <summary>
/// The name of one typed fact an event was raised on. Facts are the only numbers a callout may speak, so each
/// key says its unit.
/// </summary>
public enum FactKey : byte
{
    None = 0,
    Position,            // overall or class position, 1-based
    PreviousPosition,    // 1-based
    PositionsChanged,    // signed count, + gained
    Lap,                 // the lap the driver is on, 1-based
    LapsRemaining,       // laps to go including the current one
    LapsCompleted,
    TotalLaps,
    TimeRemaining,       // s
    GapAhead,            // s, to the car ahead in class
    GapBehind,           // s, to the car behind in class
    ClosingRate,         // s/lap, + means the gap is shrinking
    CarIdx,              // the other car's index (a name is looked up, never invented)
    CarNumber,           // the other car's number as painted
    LapTime,             // s
    BestLapTime,         // s
    DeltaToBest,         // s, + slower
    PaceTrend,           // s/lap over the window, + slower
    FuelLevel,           // L
    FuelPerLap,          // L/lap
    FuelLapsLeft,        // laps
    FuelToFinish,        // L needed to finish incl. reserve
    FuelToAdd,           // L to add at the next stop
    FuelSavePerLap,      // L/lap to save to make the finish
    StopsNeeded,
    PitWindowOpenLap,
    PitWindowCloseLap,
    TyreCorner,          // 0 LF, 1 RF, 2 LR, 3 RR (iRacing order), -1 all four, -2 fronts, -3 rears
    TyreTemp,            // °C tread surface: measured, or an estimate when Confidence is present
    TyreWear,            // % worn, as the crew last measured it
    Confidence,          // 0..1 of an estimate
    Incidents,           // incident points now
    IncidentsAdded,      // points since last report
    IncidentLimit,       // the session's limit, 0 if none
    SecondsToCallPoint,  // s until the pit-call point
    PitCallState,        // PitCallState as a number
    RejoinPosition,
    RejoinGapAhead,      // s
    RejoinGapBehind,     // s
    PitLaneLoss,         // s
    RivalPitProbability, // 0..1
    CornerIndex,         // index into the track's corner list (names come from the track data, never invented)
    Speed,               // m/s
    PitSpeedLimit,       // m/s
    CarsLeft,
    CarsRight,
    TrackTemp,           // °C
    AirTemp,             // °C
    SessionsAgo,         // where a prior came from: 1 the last session with this car and track, 2+ an earlier one
    OverallPosition,     // 1-based position across all classes (the radio's position answer)
    PlacesFromPits,      // of a batched position change, the places that came from the cars around pitting (+ gained)
    RivalPosition,       // the other car's position in its class, 1-based
    RejoinBest,          // the rejoin range's best position (the quicker stops measured, the cars due to stop stopping)
    RejoinWorst,         // the rejoin range's worst position (the slower stops, every car within reach going by)
    PitsOpen,            // 1 the pits are open to the player, 0 closed (iRacing's PitsOpen; absent where no source says)
    FuelSpareLaps,       // laps of fuel beyond the flag (fuel-to-finish status)
    TyreWearAtFlag,      // % worn at the flag at the set's rate between two measurements (an estimate)
    Neutralised,         // 1: the change came behind a safety car, full-course yellow or red flag (nothing was raced)
}
