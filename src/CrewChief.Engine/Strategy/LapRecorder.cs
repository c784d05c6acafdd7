using CrewChief.Telemetry;

namespace CrewChief.Strategy;

/// <summary>
/// Turns ticks into completed laps and pit-road edges, and filters the placeholder records real files contain
/// (car not in the world, Lap 0, fuel at full) so they never fake a lap reset or a refuel.
/// </summary>
public sealed class LapRecorder
{
    private const float RefuelThresholdLitres = 0.05f;
    private const SessionFlags YellowMask = SessionFlags.Yellow | SessionFlags.YellowWaving | SessionFlags.Caution | SessionFlags.CautionWaving | SessionFlags.Red;
    /// <summary>The whole field neutralised: a caution (safety car, full-course yellow) or a red flag stopping it.</summary>
    internal const SessionFlags NeutralisedMask = SessionFlags.Caution | SessionFlags.CautionWaving | SessionFlags.Red;

    /// <summary>True once a real (non-placeholder) tick has started a lap.</summary>
    private bool _hasLap;
    /// <summary>The previous tick was a placeholder: whatever lap resumes is spoiled.</summary>
    private bool _wasPlaceholder;
    private double _lapStartTime;
    private float _lapStartFuel;
    private LapFlags _flags;
    private float _prevFuel;
    private float _prevPct;
    private double _prevTime;
    /// <summary>The sim's count as read, -1 before the first crossing (<see cref="LapsCompleted"/> shows it as 0).</summary>
    private int _completed;

    public bool InWorld { get; private set; }
    public bool OnPitRoad { get; private set; }
    public int LapsCompleted { get; private set; }
    /// <summary>1-based lap in progress.</summary>
    public int CurrentLap => LapsCompleted + 1;
    public float LapPct { get; private set; }
    public double LapStartTime => _lapStartTime;
    public LapFlags CurrentLapFlags => _flags;

    public bool CompletedThisTick { get; private set; }
    public bool EnteredPitRoadThisTick { get; private set; }
    public bool ExitedPitRoadThisTick { get; private set; }
    /// <summary>
    /// The car arrived on pit road straight into its stall, from anywhere but the lane (iRacing's tow: the surface
    /// goes from the track, or from off it, to InPitStall with the lap distance jumping). It did not drive in: no
    /// pit entry to call, no lane loss to rejoin by — the tow's time is served in the box first.
    /// </summary>
    public bool TowedThisTick { get; private set; }
    private TrackSurface _prevSurface = TrackSurface.NotInWorld;
    /// <summary>A reset or tow was detected this tick (placeholder run ended, or fuel rose off pit road).</summary>
    public bool ResetThisTick { get; private set; }
    public LapRecord LastLap { get; private set; }

    /// <summary>Real files start with (and a tow inserts) records where the car is not in the world.</summary>
    public static bool IsPlaceholder(TelemetryFrame f)
    {
        // A tick whose session time, lap, fuel or speed is physically impossible (corrupt data) counts as one too:
        // nothing may be learned or raised from it, and what follows it is not a pit entry or a refuel.
        if (f.ImplausibleCore) return true;
        if ((f.Available & TelemetryChannels.PlayerTrackSurface) != 0) return f.PlayerTrackSurface == TrackSurface.NotInWorld;
        // Header ver 1 files lack PlayerTrackSurface; their placeholders read Lap 0 at exactly 0 % off pit road.
        return f.Lap == 0 && f.LapDistPct == 0f && !f.OnPitRoad;
    }

    internal void Reset()
    {
        _hasLap = false;
        _wasPlaceholder = false;
        InWorld = false;
        OnPitRoad = false;
        LapsCompleted = 0;
        _completed = 0;
        CompletedThisTick = EnteredPitRoadThisTick = ExitedPitRoadThisTick = ResetThisTick = TowedThisTick = false;
        _prevSurface = TrackSurface.NotInWorld;
        LastLap = default;
    }

    internal void Update(TelemetryFrame f)
    {
        CompletedThisTick = EnteredPitRoadThisTick = ExitedPitRoadThisTick = ResetThisTick = TowedThisTick = false;
        var surface = (f.Available & TelemetryChannels.PlayerTrackSurface) != 0 ? f.PlayerTrackSurface : TrackSurface.NotInWorld;
        var prevSurface = _prevSurface;
        _prevSurface = surface;
        if (IsPlaceholder(f))
        {
            InWorld = false;
            _wasPlaceholder = true;
            return;
        }

        InWorld = true;
        // LapCompleted is -1 until the car first crosses the line (a race start behind it, a practice spawn before
        // it): that crossing starts lap 1, a whole lap, so -1 is kept as a state, never clamped to 0.
        int completed = (f.Available & TelemetryChannels.LapCompleted) != 0 ? f.LapCompleted : f.Lap - 1;
        if (completed < -1) completed = -1;
        bool pit = f.OnPitRoad;

        if (!_hasLap)
        {
            _hasLap = true;
            _completed = completed;
            LapsCompleted = Math.Max(0, completed);
            StartLap(f, f.SessionTime, pit ? LapFlags.OutLap | LapFlags.Partial : LapFlags.Partial);
            OnPitRoad = pit;
            _wasPlaceholder = false;
            Remember(f);
            return;
        }

        if (_wasPlaceholder)
        {
            // Back from a reset or tow, possibly straight into the pit stall: that is no pit entry, and no refuel.
            _wasPlaceholder = false;
            ResetThisTick = true;
            _flags |= LapFlags.Reset;
            _prevFuel = f.FuelLevel;
            OnPitRoad = pit;
        }
        else if (f.FuelLevel > _prevFuel + RefuelThresholdLitres && !pit)
        {
            ResetThisTick = true;
            _flags |= LapFlags.Reset;
        }

        if (pit && !OnPitRoad)
        {
            EnteredPitRoadThisTick = true;
            _flags |= LapFlags.InLap;
            TowedThisTick = surface == TrackSurface.InPitStall && prevSurface is TrackSurface.OnTrack or TrackSurface.OffTrack;
        }
        else if (!pit && OnPitRoad) ExitedPitRoadThisTick = true;
        OnPitRoad = pit;

        if (completed == 0 && _completed == -1)
        {
            // The first crossing: no lap is completed, but the one starting now is whole from the line.
            _completed = 0;
            double crossing = CrossingTime(_prevTime, _prevPct, f.SessionTime, f.LapDistPct);
            StartLap(f, crossing, pit ? LapFlags.OutLap : LapFlags.None);
        }
        else if (completed == _completed + 1)
        {
            // A lap that ends under a neutralisation ran into it: the safety car or the red came out on it, before the
            // line (the flag at the line is all race timing knows; iRacing throws a caution mid-lap as well).
            if ((f.Available & TelemetryChannels.SessionFlags) != 0 && (f.SessionFlags & NeutralisedMask) != 0)
                _flags |= LapFlags.Yellow | LapFlags.Neutralised;
            double crossing = CrossingTime(_prevTime, _prevPct, f.SessionTime, f.LapDistPct);
            LastLap = new LapRecord(completed, crossing, crossing - _lapStartTime, _lapStartFuel - f.FuelLevel, _flags);
            LapsCompleted = _completed = completed;
            CompletedThisTick = true;
            // Crossing the line in the pit lane makes the new lap the out-lap.
            StartLap(f, crossing, pit ? LapFlags.OutLap : LapFlags.None);
        }
        else if (completed != _completed)
        {
            // A jump either way (reset, session change, rejoin after a long tow): nothing about this lap is whole.
            _completed = completed;
            LapsCompleted = Math.Max(0, completed);
            StartLap(f, f.SessionTime, LapFlags.Partial | LapFlags.Reset);
        }

        if ((f.Available & TelemetryChannels.SessionFlags) != 0 && (f.SessionFlags & YellowMask) != 0)
        {
            _flags |= LapFlags.Yellow;
            // A red flag's lap carries the stoppage (a WEC red lap timed 43 minutes): no pace, no fuel rate, no best.
            if ((f.SessionFlags & NeutralisedMask) != 0) _flags |= LapFlags.Neutralised;
        }
        Remember(f);
    }

    private void StartLap(TelemetryFrame f, double startTime, LapFlags flags)
    {
        _lapStartTime = startTime;
        _lapStartFuel = f.FuelLevel;
        _flags = flags;
    }

    private void Remember(TelemetryFrame f)
    {
        _prevFuel = f.FuelLevel;
        _prevPct = f.LapDistPct;
        _prevTime = f.SessionTime;
        LapPct = f.LapDistPct;
    }

    /// <summary>Interpolates the line crossing between the last tick before it and the first after it.</summary>
    internal static double CrossingTime(double prevTime, float prevPct, double time, float pct)
    {
        double before = 1.0 - prevPct, after = pct;
        if (prevTime <= 0 || time <= prevTime || before < 0 || before > 0.5 || after < 0 || after > 0.5) return time;
        double span = before + after;
        return span <= 0 ? time : prevTime + (time - prevTime) * (before / span);
    }
}
