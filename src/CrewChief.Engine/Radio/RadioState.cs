using CrewChief.Events;
using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Radio;

/// <summary>
/// What the radio answers from: the strategy snapshot plus the few live channels an answer needs that the
/// strategy does not keep (overall position, the leader's last lap, incidents, flags, temperatures). A copy taken
/// on the tick thread, so answering never races the tick. NaN or -1 means "not known", and the answer then says so.
/// </summary>
public readonly struct RadioState
{
    public bool InWorld { get; init; }
    public StrategySnapshot Strategy { get; init; }
    public int OverallPosition { get; init; }
    public bool IsLeader { get; init; }
    public double LeaderLastLap { get; init; }
    /// <summary>Incident points, -1 when the source lacks the channel.</summary>
    public int Incidents { get; init; }
    public int IncidentLimit { get; init; }
    public bool FlagsKnown { get; init; }
    public SessionFlags Flags { get; init; }
    public double TrackTempC { get; init; }
    public double AirTempC { get; init; }
    public bool TyresMeasurable { get; init; }

    public static RadioState Unknown => new()
    {
        OverallPosition = -1, LeaderLastLap = double.NaN, Incidents = -1, TrackTempC = double.NaN, AirTempC = double.NaN,
        Strategy = new StrategySnapshot { GapAhead = double.NaN, GapBehind = double.NaN, LastLap = double.NaN, BestLap = double.NaN,
            PersonalBest = double.NaN, FuelLevel = double.NaN, Fuel = FuelPlan.Unknown, Rejoin = RejoinEstimate.Unknown,
            TimeRemaining = double.NaN, LapsRemaining = double.NaN, LapsToGo = -1, TyreConfidence = float.NaN },
    };

    /// <summary>The state after <paramref name="brain"/> ticked on <paramref name="frame"/>. Allocation-free.</summary>
    public static RadioState Capture(RaceBrain brain, TelemetryFrame frame, SessionInfo? info)
    {
        var s = brain.Strategy;
        int leader = s.Race.LeaderCarIdx;
        bool carIdx = (frame.Available & TelemetryChannels.CarIdx) != 0;
        bool isLeader = leader >= 0 && leader == frame.PlayerCarIdx;
        double leaderLast = carIdx && leader >= 0 && frame.CarIdxLastLapTime[leader] > 0 ? frame.CarIdxLastLapTime[leader] : double.NaN;
        bool temps = (frame.Available & TelemetryChannels.Temperatures) != 0;
        return new RadioState
        {
            InWorld = frame.InWorld,
            Strategy = brain.Snapshot,
            OverallPosition = (frame.Available & TelemetryChannels.Position) != 0 && frame.PlayerCarPosition > 0 ? frame.PlayerCarPosition : -1,
            IsLeader = isLeader,
            LeaderLastLap = leaderLast,
            Incidents = (frame.Available & TelemetryChannels.Incidents) != 0 ? frame.PlayerCarMyIncidentCount : -1,
            IncidentLimit = info?.IncidentLimit ?? 0,
            FlagsKnown = (frame.Available & TelemetryChannels.SessionFlags) != 0,
            Flags = frame.SessionFlags,
            TrackTempC = temps ? frame.TrackTemp : double.NaN,
            AirTempC = temps ? frame.AirTemp : double.NaN,
            TyresMeasurable = (frame.Available & (TelemetryChannels.TyreTemps | TelemetryChannels.Accelerations)) != 0,
        };
    }
}
