using CrewChief.Telemetry;

namespace CrewChief.Events;

/// <summary>
/// Lap-time calls at each completed lap: the lap's time with the delta to the best (full verbosity), a personal best,
/// and the pace trend turning clearly up or down. Where the sim publishes them, the times are its own:
/// LapLastLapTime (it arrives a moment after the line, and stays -1 for a lap it does not time, such as an out-lap)
/// and LapBestLapTime (a best is only a best when the sim's best drops). Only a source without them falls back to the
/// laps timed here from the line crossings.
/// <para>
/// A lap run behind a safety car, under a full-course yellow or through a red flag's stoppage is the
/// neutralisation's time, not the driver's: no lap-time call, no best (a safety-car start's laps would each be
/// "a personal best"), and it does not move the pace trend. While the red flag stops the field nothing is said
/// about pace at all.
/// </para>
/// </summary>
internal sealed class PaceEvents : IEventDetector
{
    private const double TrendThreshold = 0.25;
    private const int TrendLaps = 4;
    /// <summary>The sim publishes the last lap's time within about a second of the line; later than this it gave none.</summary>
    private const double SimLapTimeWaitSeconds = 5;
    /// <summary>A call not made within this of the lap's time is stale (the driver is into the next lap).</summary>
    private const double LapTimeStaleSeconds = 10;
    /// <summary>iRacing times laps to 1/10000 s; smaller changes of the best are float noise.</summary>
    private const float BestEpsilon = 0.0005f;
    /// <summary>Slower than the best by more than this, a lap's time is worth saying at more than routine priority.</summary>
    private const double LapWellOffSeconds = 0.7;

    private bool _pbPending, _trendPending;
    private double _pbLapTime;
    private int _pbLap;

    // The sim's own lap times.
    private float _simBest;
    private float _simLastBeforeLine;
    private float _prevSimLast;
    private bool _awaitingSimTime, _sawNoTime, _simPublishes;
    // The lap as timed here, kept from the crossing for a source whose sim times never come.
    private bool _measuredPb;
    private double _measuredTime, _measuredBest;
    private double _crossedAt = double.NaN;
    private int _crossedLap;
    /// <summary>The lap completed at the last crossing was run behind a neutralisation.</summary>
    private bool _crossedNeutralised;

    private bool _lapTimePending;
    private double _lapTime, _lapTimeBest, _lapTimeSince;
    private int _lapTimeLap;

    public void Reset()
    {
        _pbPending = _trendPending = _lapTimePending = _awaitingSimTime = _sawNoTime = _simPublishes = _measuredPb = false;
        _simBest = _simLastBeforeLine = _prevSimLast = 0;
        _crossedAt = double.NaN;
    }

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        if (!ctx.InWorld) return;
        var s = ctx.Strategy;
        var pace = s.Pace;
        var f = ctx.Frame;
        bool sim = ctx.Has(TelemetryChannels.LapTimes);
        if (s.Laps.CompletedThisTick)
        {
            var lap = s.Laps.LastLap;
            _crossedNeutralised = (lap.Flags & Strategy.LapFlags.Neutralised) != 0;
            // The trend moves only with a lap that entered the window: a lap behind the safety car, in the pits or far
            // off the best (a slow zone, a problem) does not, and must not re-announce the trend of the laps before it.
            // And "good lap, that's the pace" only about a lap at least as quick as the laps around it.
            _trendPending = pace.LastLapInWindow && pace.WindowLaps >= TrendLaps && Math.Abs(pace.Trend) >= TrendThreshold
                && (pace.Trend > 0 || pace.LastLap <= pace.RollingAverage);
            _crossedAt = ctx.Time;
            _crossedLap = lap.Lap;
            _measuredPb = pace.LastWasPersonalBest;
            _measuredTime = (lap.Flags & (Strategy.LapFlags.Partial | Strategy.LapFlags.Reset)) == 0 && lap.Duration > 0 ? lap.Duration : double.NaN;
            _measuredBest = pace.BestLap;
            if (sim)
            {
                _awaitingSimTime = true;
                _sawNoTime = false;
                _simLastBeforeLine = _prevSimLast;
            }
            else UseMeasured(ctx.Time);
        }
        if (sim) WatchSim(ctx, f);
        _prevSimLast = f.LapLastLapTime;
        if (ctx.Has(TelemetryChannels.SessionFlags) && (f.SessionFlags & SessionFlags.Red) != 0)
        {
            _pbPending = _lapTimePending = _trendPending = false;
            return;
        }

        if (_pbPending)
        {
            var facts = new FactSet();
            facts.Set(FactKey.LapTime, Math.Round(_pbLapTime, 3));
            facts.Set(FactKey.BestLapTime, Math.Round(_pbLapTime, 3));
            facts.Set(FactKey.Lap, _pbLap);
            if (emit.TryRaise(EventKind.PersonalBest, in facts)) _pbPending = false;
        }
        if (_lapTimePending)
        {
            if (ctx.Time - _lapTimeSince > LapTimeStaleSeconds) _lapTimePending = false;
            else
            {
                var facts = new FactSet();
                facts.Set(FactKey.LapTime, Math.Round(_lapTime, 3));
                facts.Set(FactKey.Lap, _lapTimeLap);
                if (_lapTimeBest > 0)
                {
                    facts.Set(FactKey.BestLapTime, Math.Round(_lapTimeBest, 3));
                    facts.Set(FactKey.DeltaToBest, Math.Round(_lapTime - _lapTimeBest, 3));
                }
                // When nothing else is said on a lap, the lap time is the steady word: where the player runs and the gaps.
                ctx.AddRunningOrder(ref facts);
                // A lap well off the best is news even when verbosity is lowered (a battle): the driver is losing time.
                var priority = _lapTimeBest > 0 && _lapTime - _lapTimeBest > LapWellOffSeconds ? Priority.Medium : EventCatalog.Spec(EventKind.LapTime).Priority;
                if (emit.TryRaise(EventKind.LapTime, priority, in facts)) _lapTimePending = false;
            }
        }
        if (_trendPending)
        {
            double trend = pace.Trend;
            var facts = new FactSet();
            facts.Set(FactKey.PaceTrend, Math.Round(trend, 3));
            facts.Set(FactKey.LapTime, Math.Round(pace.LastLap, 3));
            facts.Set(FactKey.DeltaToBest, Math.Round(pace.DeltaToBest, 3));
            facts.Set(FactKey.BestLapTime, Math.Round(pace.BestLap, 3));
            if (emit.TryRaise(trend > 0 ? EventKind.PaceDropping : EventKind.PaceImproving, in facts)) _trendPending = false;
        }
    }

    /// <summary>Follows LapBestLapTime (a drop is a new best) and picks up LapLastLapTime once the sim publishes it.</summary>
    private void WatchSim(in TickContext ctx, TelemetryFrame f)
    {
        float best = f.LapBestLapTime;
        // Live, the player's own slot of CarIdxBestLapTime carries the same best where LapBestLapTime has none yet.
        int me = ctx.Strategy.PlayerCarIdx;
        if (!(best > 0) && ctx.Has(TelemetryChannels.CarIdx) && (uint)me < TelemetryFrame.MaxCars) best = f.CarIdxBestLapTime[me];
        if (best > 0)
        {
            // The first best seen is history (set before we were listening); only a drop below it is news.
            if (_simBest > 0 && best < _simBest - BestEpsilon && !_crossedNeutralised)
            {
                _pbPending = true;
                _pbLapTime = best;
                _pbLap = _crossedLap;
                _lapTimePending = false;
            }
            _simBest = best;
        }
        if (f.LapLastLapTime > 0 || best > 0) _simPublishes = true;
        if (!_awaitingSimTime) return;
        if (ctx.Time - _crossedAt > SimLapTimeWaitSeconds)
        {
            // No time for this lap (an out-lap, a cut). A source that declares the channels but never fills them
            // (a test rig, a half-written map) is no sim: then the laps timed here stand.
            _awaitingSimTime = false;
            if (!_simPublishes) UseMeasured(ctx.Time);
            return;
        }
        float last = f.LapLastLapTime;
        if (!(last > 0)) { _sawNoTime = true; return; }
        // Still the previous lap's figure: the sim has not published this one yet.
        if (!_sawNoTime && Math.Abs(last - _simLastBeforeLine) < BestEpsilon) return;
        _awaitingSimTime = false;
        ctx.Strategy.Pace.UseSimLastLap(last);
        // A lap that beats the best is the personal-best call (the sim's best drops with it), not a lap time.
        if (_simBest > 0 && last < _simBest + BestEpsilon) return;
        if (_crossedNeutralised) return;
        QueueLapTime(last, _simBest, _crossedLap, ctx.Time);
    }

    /// <summary>The lap as timed here from the line crossings (a source without the sim's lap times).</summary>
    private void UseMeasured(double now)
    {
        // A call not made by the next lap is stale: the next lap brings its own.
        if (_crossedNeutralised) { _pbPending = false; return; }
        _pbPending = _measuredPb;
        _pbLapTime = _measuredTime;
        _pbLap = _crossedLap;
        if (!_measuredPb && !double.IsNaN(_measuredTime)) QueueLapTime(_measuredTime, _measuredBest, _crossedLap, now);
    }

    private void QueueLapTime(double time, double best, int lap, double now)
    {
        _lapTimePending = true;
        _lapTime = time;
        _lapTimeBest = best > 0 ? best : 0;
        _lapTimeLap = lap;
        _lapTimeSince = now;
    }
}
