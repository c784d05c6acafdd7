using CrewChief.Telemetry;

namespace CrewChief.Demo;

/// <summary>Something a race engineer would speak about, as it happened to the player.</summary>
public enum DemoSituationKind : byte
{
    SessionState,        // Value = new SessionState
    GreenFlag,
    LapCompleted,        // Value = lap time, ms
    PositionGained,      // Value = new position
    PositionLost,        // Value = new position
    CarCloseAhead,       // Other = car within 1 s ahead
    CarCloseBehind,      // Other = car within 1 s behind
    Overlap,             // Value = CarLeftRight
    OverlapClear,
    Incident,            // Value = new incident count
    YellowFlag,
    GreenAfterYellow,
    FuelLow,             // Value = fuel, dl
    PitEntry,
    PitLimiterForgotten,
    PitLimiterOn,
    PitStall,            // Value = fuel after service, dl
    PitExit,
    PersonalBest,        // Value = lap time, ms
    LappingCar,          // Other = car being lapped
    WhiteFlag,
    Checkered,           // Value = finishing position
    BlackFlag,           // Value = penalty hold in the box, s
    Puncture,            // a tyre deflating: the player limps (to a tyre stop if the flag is not out first)
    BlueFlag,            // Value = gap to the car a lap up behind, ms; Other = that car
}

/// <summary>One situation: what, when (session time), on which player lap, with a number and the other car involved.</summary>
public readonly record struct DemoSituation(DemoSituationKind Kind, double SessionTime, int Lap, int Value, int Other);

/// <summary>
/// When the scripted situations happen, scaled to the race length. Everything a race engineer must speak about
/// is placed on a lap so that a 5-lap race still fits it all: a three-wide start, a car closing from behind and
/// passing, the player catching and passing cars, an off (1x) and contact with a spin (4x), a local yellow then green, a fuel
/// stint too short for the race (so a stop with a forgotten pit limiter, a black flag and a penalty hold), a personal best on fresh tyres, a
/// backmarker to lap, in a long race a puncture late on and the leader lapping the player under a blue flag, the
/// white flag and the chequered flag.
/// </summary>
public sealed class DemoTimeline
{
    public DemoTimeline(int raceLaps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(raceLaps, 5);
        RaceLaps = raceLaps;
        ChaseLap = 2;
        FirstIncidentLap = 2;
        PitLap = Math.Max(3, (int)Math.Round(0.55 * raceLaps));
        YellowLap = Math.Max(3, (int)Math.Round(0.4 * raceLaps));
        PersonalBestLap = PitLap + 2;
        SecondIncidentLap = Math.Max(PitLap + 1, (int)Math.Round(0.75 * raceLaps));
        if (SecondIncidentLap == PersonalBestLap) SecondIncidentLap = Math.Max(PitLap + 1, PersonalBestLap - 1);
        if (SecondIncidentLap == PersonalBestLap) SecondIncidentLap = PersonalBestLap + 1;
        // A puncture on the second-last lap, after the personal best, and the leader laps the limping player on its
        // own last lap: as late as it can be, to leave the clean laps on fresh tyres a pace trend needs. A short race
        // (under ~9 laps) has no lap for it: a lapped player loses its last lap, which is where its personal best is.
        PunctureLap = PersonalBestLap < raceLaps - 1 && SecondIncidentLap < raceLaps - 1 ? raceLaps - 1 : 0;
        // The backmarker stays in the gravel until the player is this far ahead of it, then runs ~3.6 s a lap slower
        // than the player: closing the rest takes about 0.4 of the race, well before a long race's end.
        BackmarkerReleaseLaps = Math.Clamp(1f - 0.06f * (0.4f * raceLaps - 1.1f), 0.7f, 0.92f);
    }

    public int RaceLaps { get; }
    /// <summary>From this lap the car behind the player runs faster until it has passed.</summary>
    public int ChaseLap { get; }
    /// <summary>A 1x off at the Diving Turn.</summary>
    public int FirstIncidentLap { get; }
    public float FirstIncidentPct => 0.862f;
    /// <summary>Contact and a spin at the Left Hander: 4x, which takes the player's incidents past a step worth a call.</summary>
    public int SecondIncidentLap { get; }
    public float SecondIncidentPct => 0.305f;
    public int YellowLap { get; }
    public float YellowPct => 0.45f;
    public float YellowSeconds => 9f;
    public float GreenSeconds => 4f;
    /// <summary>The player's fuel runs out one lap after this: the player boxes at the end of this lap.</summary>
    public int PitLap { get; }
    public float LimiterForgottenSeconds => 1.6f;
    /// <summary>Seconds over the pit limit before race control shows the black flag.</summary>
    public float SpeedingFlagSeconds => 1.0f;
    /// <summary>The speeding penalty, served as a hold in the box on top of the service.</summary>
    public float PenaltyHoldSeconds => 5f;
    /// <summary>The player's stop fills this fraction short of the distance (saves time in the box)…</summary>
    public float ShortFillFraction => 0.07f;
    /// <summary>…and the player then lifts and coasts, using this much less fuel a lap, a little slower.</summary>
    public float FuelSaveFraction => 0.11f;
    public float FuelSaveSeconds => 0.2f;
    /// <summary>A lap on fresh tyres and light fuel, run flat out.</summary>
    public int PersonalBestLap { get; }
    /// <summary>Laps the player leads the spun backmarker by when it rejoins.</summary>
    public float BackmarkerReleaseLaps { get; }
    public float StartOverlapPct => 0.02f;
    /// <summary>The lap a tyre deflates and the player, limping, is lapped (0: none in a race this short).</summary>
    public int PunctureLap { get; }
    /// <summary>Out of the Left Hander: the tyre lets go.</summary>
    public float PuncturePct => 0.33f;
    /// <summary>Where on the puncture lap the player's limp lets the leader catch it (before the pit entry at 0.925).</summary>
    public float BlueCatchPct => 0.7f;
    /// <summary>Road gap, s, at which a car a lap up behind brings out the blue flag for the player.</summary>
    public float BlueFlagSeconds => 1.5f;

    /// <summary>The lap-1 melee into Big Bend: every CarLeftRight value, then clear.</summary>
    public static ReadOnlySpan<(CarLeftRight Value, float Seconds)> StartOverlaps => s_startOverlaps;

    private static readonly (CarLeftRight Value, float Seconds)[] s_startOverlaps =
    [
        (CarLeftRight.CarLeft, 1.4f),
        (CarLeftRight.CarLeftRight, 1.6f),
        (CarLeftRight.CarRight, 1.2f),
        (CarLeftRight.Clear, 1.2f),
        (CarLeftRight.TwoCarsRight, 1.3f),
        (CarLeftRight.CarRight, 0.8f),
        (CarLeftRight.Clear, 1.5f),
        (CarLeftRight.TwoCarsLeft, 1.3f),
        (CarLeftRight.CarLeft, 0.9f),
    ];

    /// <summary>The scripted situations in race order, for a summary ("what the demo covers").</summary>
    public IEnumerable<(string Name, int Lap)> Planned()
    {
        yield return ("used starting set: measured past the wear warning at spawn", 1);
        yield return ("three-wide start, every overlap value", 1);
        yield return ("backmarker spins", 1);
        yield return ("car closing from behind", ChaseLap);
        yield return ("1x off", FirstIncidentLap);
        yield return ("yellow then green", YellowLap);
        yield return ("rivals reach the fuel window the series' restriction sets", PitLap - 1);
        yield return ("box this lap, limiter forgotten on entry: black flag, held in the box", PitLap);
        yield return ("short-filled: save fuel to the flag", PitLap + 1);
        yield return ("personal best", PersonalBestLap);
        yield return ("4x contact and spin", SecondIncidentLap);
        if (PunctureLap > 0)
        {
            yield return ("puncture: limping, to a tyre stop if the flag is not out first", PunctureLap);
            yield return ("the leader laps the limping player: blue flag, the player yields", PunctureLap);
        }
        yield return ("white flag", RaceLaps);
        yield return ("chequered flag", RaceLaps);
    }
}
