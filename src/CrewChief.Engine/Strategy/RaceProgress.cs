using CrewChief.Telemetry;

namespace CrewChief.Strategy;

/// <summary>
/// How much race is left for the player: lap-limited or timed (with the leader's extra lap), from the session
/// info when there is one and from SessionLapsRemainEx/SessionTimeRemain otherwise.
/// </summary>
public sealed class RaceProgress
{
    /// <summary>iRacing reports "unlimited" as 32767 laps and 604800 s.</summary>
    private const int UnlimitedLaps = 32767;
    private const double UnlimitedTime = 604000;

    public bool IsRace { get; private set; }
    public bool IsTimed { get; private set; }
    /// <summary>Lap limit, 0 when timed or unknown.</summary>
    public int TotalLaps { get; private set; }
    /// <summary>Session length in seconds, 0 when lap-limited or unknown.</summary>
    public double TotalTime { get; private set; }
    /// <summary>Laps the player still drives, fractional from where they are; NaN when unknown.</summary>
    public double LapsRemaining { get; private set; } = double.NaN;
    /// <summary>Laps to go as a driver counts them: the current lap included.</summary>
    public int LapsToGo => double.IsNaN(LapsRemaining) ? -1 : (int)Math.Ceiling(LapsRemaining - 1e-6);
    public double TimeRemaining { get; private set; } = double.NaN;
    /// <summary>0..1 of the race run, NaN when unknown.</summary>
    public double Fraction { get; private set; } = double.NaN;
    public int LeaderCarIdx { get; private set; } = -1;

    /// <param name="myLapTime">The player's expected lap time (rolling average or estimate), s.</param>
    internal void Update(TelemetryFrame f, SessionInfo? info, int lapsCompleted, float pct, double myLapTime)
    {
        var session = info?.Session(f.SessionNum);
        IsRace = session?.IsRace ?? true;
        TotalLaps = session is { Laps: > 0 and < UnlimitedLaps } ? session.Laps : 0;
        TotalTime = session is { TimeSeconds: > 0 and < UnlimitedTime } && TotalLaps == 0 ? session.TimeSeconds : 0;
        TimeRemaining = f.SessionTimeRemain is > 0 and < UnlimitedTime ? f.SessionTimeRemain
            : TotalTime > 0 ? Math.Max(0, TotalTime - f.SessionTime) : double.NaN;

        if (TotalLaps == 0 && TotalTime == 0 && (f.Available & TelemetryChannels.SessionLapsRemainEx) != 0
            && f.SessionLapsRemainEx is > 0 and < UnlimitedLaps)
        {
            // No session info: the sim's own count (leader's laps to go) is the best there is.
            TotalLaps = lapsCompleted + f.SessionLapsRemainEx;
        }
        else if (TotalLaps == 0 && TotalTime == 0 && !double.IsNaN(TimeRemaining)) TotalTime = f.SessionTime + TimeRemaining;

        IsTimed = TotalLaps == 0 && TotalTime > 0;
        LeaderCarIdx = FindLeader(f);
        double leaderProgress = LeaderProgress(f);
        if (TotalLaps > 0)
        {
            LapsRemaining = FuelMath.LappedRaceRemaining(TotalLaps, lapsCompleted, pct);
            if (!double.IsNaN(leaderProgress))
            {
                // A car the leader has lapped takes the flag at its first crossing after the leader's: fewer laps than
                // the limit (a lapped GT4 at the Nürburgring heard "5 laps to go" with 3 left, "final lap" with 2).
                float last = f.CarIdxLastLapTime[LeaderCarIdx];
                double leaderLapTime = last > 0 ? last : myLapTime;
                double leaderFinish = Math.Max(0, TotalLaps - leaderProgress) * leaderLapTime;
                double behindLeader = FuelMath.LapsUntilFlag(leaderFinish, pct, myLapTime);
                if (behindLeader < LapsRemaining) LapsRemaining = behindLeader;
            }
            Fraction = Math.Clamp((lapsCompleted + pct) / TotalLaps, 0, 1);
        }
        else if (IsTimed)
        {
            double leaderPct = pct, leaderLapTime = myLapTime;
            int lapsAhead = 0;
            if (LeaderCarIdx >= 0 && LeaderCarIdx != f.PlayerCarIdx)
            {
                leaderPct = f.CarIdxLapDistPct[LeaderCarIdx];
                float last = f.CarIdxLastLapTime[LeaderCarIdx];
                if (last > 0) leaderLapTime = last;
                lapsAhead = Math.Max(0, f.CarIdxLapCompleted[LeaderCarIdx] - lapsCompleted - (leaderPct < pct ? 1 : 0));
            }
            LapsRemaining = FuelMath.TimedLapsRemaining(TimeRemaining, pct, myLapTime, leaderPct, leaderLapTime, lapsAhead);
            Fraction = double.IsNaN(TimeRemaining) ? double.NaN : Math.Clamp(1 - TimeRemaining / TotalTime, 0, 1);
        }
        else
        {
            LapsRemaining = double.NaN;
            Fraction = double.NaN;
        }
    }

    private int _leaderSeen = -1, _leaderOdd;
    private double _leaderProgress = double.NaN;

    /// <summary>
    /// The leader's race progress (laps), NaN when the player leads or it is unknown. iRacing turns a car's lap count
    /// and its lap distance over in different samples at the line, so for a sample the sum is a lap out: a jump of
    /// half a lap or more is held at the last good value until it persists (a tow or a reset), never taken at once.
    /// </summary>
    private double LeaderProgress(TelemetryFrame f)
    {
        int leader = LeaderCarIdx;
        if (leader < 0 || leader == f.PlayerCarIdx || f.CarIdxLapDistPct[leader] < 0 || f.CarIdxLapCompleted[leader] < 0)
        {
            _leaderSeen = -1;
            return double.NaN;
        }
        double now = f.CarIdxLapCompleted[leader] + (double)f.CarIdxLapDistPct[leader];
        if (leader != _leaderSeen || double.IsNaN(_leaderProgress) || Math.Abs(now - _leaderProgress) < 0.5 || ++_leaderOdd > OddSamplesAccepted)
        {
            _leaderSeen = leader;
            _leaderProgress = now;
            _leaderOdd = 0;
        }
        return _leaderProgress;
    }

    /// <summary>Consecutive out-of-step samples after which the leader's progress is taken as it is (~0.5 s at 60 Hz).</summary>
    private const int OddSamplesAccepted = 30;

    private static int FindLeader(TelemetryFrame f)
    {
        if ((f.Available & TelemetryChannels.CarIdx) == 0) return -1;
        var positions = f.CarIdxPosition;
        for (int i = 0; i < positions.Length; i++) if (positions[i] == 1) return i;
        return -1;
    }
}
