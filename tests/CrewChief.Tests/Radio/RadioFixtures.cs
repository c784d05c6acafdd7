using CrewChief.Callouts;
using CrewChief.Radio;
using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Radio;

/// <summary>A known radio state with distinct numbers, so an answer's numbers can be traced to one field.</summary>
internal static class RadioFixtures
{
    public static RadioState KnownState(bool timed = false) => new()
    {
        InWorld = true,
        OverallPosition = 7,
        IsLeader = false,
        LeaderLastLap = 101.84,
        Incidents = 6,
        IncidentLimit = 17,
        FlagsKnown = true,
        Flags = SessionFlags.Green,
        TrackTempC = 41.3,
        AirTempC = 24.6,
        TyresMeasurable = true,
        Strategy = new StrategySnapshot
        {
            InWorld = true,
            Lap = 12,
            LapsCompleted = 11,
            IsTimedRace = timed,
            TotalLaps = timed ? -1 : 30,
            LapsRemaining = 18.4,
            LapsToGo = 19,
            TimeRemaining = timed ? 1530 : double.NaN,
            FuelLevel = 42.6,
            FuelPerLap = 2.83,
            FuelCleanLaps = 5,
            Fuel = new FuelPlan(2.83, 15.05, 53.9, 11.3, 1, 14, 19, double.NaN),
            LastLap = 103.27,
            BestLap = 102.91,
            PersonalBest = 102.91,
            ClassPosition = 4,
            CarAheadIdx = 3,
            GapAhead = 1.84,
            CarBehindIdx = 9,
            GapBehind = 3.62,
            LeftFront = new TyreEstimate(88.2f, 21.4f),
            RightFront = new TyreEstimate(96.7f, 24.9f),
            LeftRear = new TyreEstimate(84.1f, 18.2f),
            RightRear = new TyreEstimate(90.3f, 19.7f),
            TyreConfidence = 0.8f,
            Rejoin = new RejoinEstimate(9, 2.4, 1.7, 24.4),
        },
    };

    public static CalloutContext Context()
    {
        var ctx = new CalloutContext(CarInfo.Unknown(""), TrackInfo.Unknown("", false)) { PlayerPosition = 4 };
        ctx.CarNames[3] = "Ana Ruiz";
        ctx.CarNames[9] = "Tom Berg";
        return ctx;
    }
}
