using CrewChief.Telemetry;

namespace CrewChief.Events;

/// <summary>Milestones of the race: the start, halfway, N laps to go, the final lap (or white flag), the chequered flag.</summary>
internal sealed class RaceProgressEvents(BrainOptions options) : IEventDetector
{
    private readonly IReadOnlyList<int> _lapsToGoCalls = options.LapsToGoCalls;

    /// <summary>In a timed race, laps to go are said from this many on (the estimate holds near the end).</summary>
    private const int TimedLapsSpoken = 10;

    /// <summary>A milestone that could not be said within this long (cooldowns, a battle) is stale: drop it.</summary>
    private const double MilestoneLifeSeconds = 30;

    private SessionState _lastState = SessionState.Invalid;
    private double _startSince, _halfwaySince = double.NaN, _chequeredSince;
    private bool _startPending, _halfwayDone, _finalDone, _chequeredDone, _belowHalf;
    private int _lapsToGoPending = -1;
    /// <summary>The player's completed laps when the white flag came out, -1 while it is not out.</summary>
    private int _whiteSeenAtLap = -1;
    private bool _chequeredPending;

    public void Reset()
    {
        _lastState = SessionState.Invalid;
        _startPending = _halfwayDone = _finalDone = _chequeredDone = _belowHalf = _chequeredPending = false;
        _lapsToGoPending = _whiteSeenAtLap = -1;
        _halfwaySince = double.NaN;
    }

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        var f = ctx.Frame;
        var race = ctx.Strategy.Race;
        // A start behind the safety car is no start to race from ("lights out", "careful into the first corner"): the
        // safety-car call says what to do, and the green says when the racing starts.
        bool neutralised = ctx.Has(TelemetryChannels.SessionFlags) && (f.SessionFlags & Strategy.LapRecorder.NeutralisedMask) != 0;
        if (f.SessionState == SessionState.Racing && _lastState is > SessionState.Invalid and < SessionState.Racing && race.IsRace && !neutralised)
        {
            _startPending = true;
            _startSince = ctx.Time;
        }
        if (_startPending && ctx.Time - _startSince > MilestoneLifeSeconds) _startPending = false;
        _lastState = f.SessionState;
        if (!ctx.InWorld || !race.IsRace) return;
        var laps = ctx.Strategy.Laps;

        if (_startPending)
        {
            var facts = new FactSet();
            facts.Set(FactKey.Position, ctx.Position);
            if (race.TotalLaps > 0) facts.Set(FactKey.TotalLaps, race.TotalLaps);
            if (emit.TryRaise(EventKind.RaceStart, in facts)) _startPending = false;
        }

        bool flagged = (ctx.Has(TelemetryChannels.SessionFlags) && (f.SessionFlags & SessionFlags.Checkered) != 0)
            || f.SessionState >= SessionState.Checkered;
        if (!_chequeredDone && flagged && laps.CompletedThisTick) { _chequeredPending = true; _chequeredSince = ctx.Time; }
        if (_chequeredPending && ctx.Time - _chequeredSince > MilestoneLifeSeconds) { _chequeredPending = false; _chequeredDone = true; }
        if (_chequeredPending)
        {
            var facts = new FactSet();
            facts.Set(FactKey.Position, ctx.Position);
            facts.Set(FactKey.LapsCompleted, laps.LapsCompleted);
            // Raised as critical so no routine call's global cooldown holds it: the flag is true for seconds, and a
            // gap or fuel line said just before it must not push it onto the cool-down lap.
            if (emit.TryRaise(EventKind.Chequered, Priority.Critical, in facts)) { _chequeredPending = false; _chequeredDone = true; }
            return;
        }
        if (_chequeredDone || flagged || f.SessionState != SessionState.Racing) return;

        double fraction = race.Fraction;
        if (fraction < 0.5) _belowHalf = true;
        if (!_halfwayDone && _belowHalf && fraction >= 0.5)
        {
            if (double.IsNaN(_halfwaySince)) _halfwaySince = ctx.Time;
            var facts = Common(ctx);
            if (emit.TryRaise(EventKind.Halfway, in facts) || ctx.Time - _halfwaySince > MilestoneLifeSeconds) _halfwayDone = true;
        }

        int toGo = race.LapsToGo;
        if (laps.CompletedThisTick)
        {
            _lapsToGoPending = -1;
            for (int i = 0; i < _lapsToGoCalls.Count; i++) if (_lapsToGoCalls[i] == toGo) _lapsToGoPending = toGo;
        }
        if (_lapsToGoPending > 0 && toGo == _lapsToGoPending)
        {
            var facts = Common(ctx);
            if (emit.TryRaise(EventKind.LapsToGo, in facts)) _lapsToGoPending = -1;
        }

        // iRacing shows the white flag when the leader starts the last lap. That is the leader's final lap; every
        // other car still has to reach the line first, and its final lap starts there.
        bool white = ctx.Has(TelemetryChannels.SessionFlags) && (f.SessionFlags & SessionFlags.White) != 0;
        if (!white) _whiteSeenAtLap = -1;
        else if (_whiteSeenAtLap < 0) _whiteSeenAtLap = laps.LapsCompleted;
        bool leading = race.LeaderCarIdx < 0 || race.LeaderCarIdx == f.PlayerCarIdx;
        bool whiteForMe = white && (leading || laps.LapsCompleted > _whiteSeenAtLap);
        // In a timed race "one to go" is the clock's estimate: where the sim shows the white flag, that decides.
        bool lastByCount = toGo == 1 && !(race.IsTimed && ctx.Has(TelemetryChannels.SessionFlags));
        if (!_finalDone && (lastByCount || whiteForMe) && laps.LapsCompleted >= 1)
        {
            var facts = Common(ctx);
            facts.Set(FactKey.LapsRemaining, 1);
            if (emit.TryRaise(EventKind.FinalLap, in facts)) _finalDone = true;
        }
    }

    private static FactSet Common(in TickContext ctx)
    {
        var race = ctx.Strategy.Race;
        var facts = new FactSet();
        // Laps left in a timed race are an estimate from the pace, and the stops and cautions still to come move it
        // by a lap each (a lapped LMGT3 at Spa heard "76 to go" at half distance and ran 68): spoken only near the
        // end, where it holds; before that the clock is the figure.
        if (race.LapsToGo > 0 && (!race.IsTimed || race.LapsToGo <= TimedLapsSpoken)) facts.Set(FactKey.LapsRemaining, race.LapsToGo);
        if (race.TotalLaps > 0) facts.Set(FactKey.TotalLaps, race.TotalLaps);
        if (race.IsTimed && !double.IsNaN(race.TimeRemaining)) facts.Set(FactKey.TimeRemaining, Math.Round(race.TimeRemaining));
        facts.Set(FactKey.Lap, ctx.Strategy.Laps.CurrentLap);
        int pos = ctx.Position;
        if (pos > 0) facts.Set(FactKey.Position, pos);
        return facts;
    }
}
