namespace CrewChief.Events;

/// <summary>
/// The gate every detector raises through: per-kind cooldowns, the global cooldown (critical and spotter calls
/// bypass it), verbosity, and a preallocated buffer of this tick's events. Detectors keep a condition pending and
/// retry when <see cref="TryRaise(EventKind, in FactSet)"/> refuses, so a milestone is delayed, never lost to a
/// cooldown.
/// </summary>
public sealed class EventEmitter
{
    public const int MaxPerTick = 32;

    private readonly RaceEvent[] _raised = new RaceEvent[MaxPerTick];
    private readonly double[] _cooldown;
    private readonly double[] _lastRaised;
    private readonly double _globalCooldown;
    private readonly double _spotterCallTtl;
    private readonly double _spotterClearTtl;
    private readonly float _wallPerRaceSecond;
    private int _count;
    private double _lastRoutine = double.NegativeInfinity;

    public EventEmitter(BrainOptions options)
    {
        int kinds = EventCatalog.KindCount;
        _cooldown = new double[kinds];
        _lastRaised = new double[kinds];
        for (int k = 0; k < kinds; k++)
        {
            var kind = (EventKind)k;
            _cooldown[k] = EventCatalog.Spec(kind).CooldownSeconds * options.CooldownScale;
            if (options.CooldownOverrides is not null && options.CooldownOverrides.TryGetValue(kind, out double over)) _cooldown[k] = over;
        }
        _globalCooldown = options.GlobalCooldownSeconds;
        _spotterCallTtl = options.SpotterCallTtlSeconds;
        _spotterClearTtl = options.SpotterClearTtlSeconds;
        _wallPerRaceSecond = (float)(1 / options.SimSpeed);
        Reset();
    }

    public double SessionTime { get; private set; }
    public long Timestamp { get; private set; }
    /// <summary>Verbosity in force this tick (the setting, lowered on lap 1 and in close battles).</summary>
    public Verbosity Verbosity { get; private set; }

    public ReadOnlySpan<RaceEvent> Raised => _raised.AsSpan(0, _count);

    public void Reset()
    {
        Array.Fill(_lastRaised, double.NegativeInfinity);
        _lastRoutine = double.NegativeInfinity;
        _count = 0;
    }

    internal void BeginTick(double sessionTime, long timestamp, Verbosity verbosity)
    {
        // Session time restarts with each session; a clock going backwards must not freeze every cooldown.
        if (sessionTime < SessionTime) Reset();
        SessionTime = sessionTime;
        Timestamp = timestamp;
        Verbosity = verbosity;
        _count = 0;
    }

    public double CooldownOf(EventKind kind) => _cooldown[(int)kind];

    public bool IsCoolingDown(EventKind kind) => SessionTime - _lastRaised[(int)kind] < _cooldown[(int)kind];

    public bool TryRaise(EventKind kind, in FactSet facts) => TryRaise(kind, EventCatalog.Spec(kind).Priority, facts, float.NaN);

    /// <param name="timeToLive">Seconds it stays worth saying; NaN takes the kind's default.</param>
    public bool TryRaise(EventKind kind, Priority priority, in FactSet facts, float timeToLive = float.NaN)
    {
        if (_count == MaxPerTick || IsCoolingDown(kind)) return false;
        if (RaceRun && !SaidAfterTheFlag(kind)) return false;
        bool bypass = priority >= Priority.Critical;
        if (!bypass && !Admits(Verbosity, priority)) return false;
        if (!bypass && SessionTime - _lastRoutine < _globalCooldown) return false;

        float ttl = !float.IsNaN(timeToLive) ? timeToLive
            : kind == EventKind.SpotterClear ? (float)_spotterClearTtl
            : EventCatalog.IsSpotter(kind) ? (float)_spotterCallTtl
            : EventCatalog.Spec(kind).TimeToLiveSeconds;
        ttl *= _wallPerRaceSecond;
        _raised[_count++] = new RaceEvent(kind, priority, SessionTime, Timestamp, ttl, facts);
        _lastRaised[(int)kind] = SessionTime;
        if (priority < Priority.Spotter) _lastRoutine = SessionTime;
        return true;
    }

    /// <summary>
    /// Set once the player has taken the chequered flag. After it a battle, gap, pace or tyre call is noise on the
    /// cool-down lap ("try the late brake" after the finish); the spotter, flags and the pit lane still matter.
    /// </summary>
    public bool RaceRun { get; set; }

    private static bool SaidAfterTheFlag(EventKind kind) =>
        EventCatalog.IsSpotter(kind) || kind is EventKind.Chequered or EventKind.PersonalBest or EventKind.YellowFlag
            or EventKind.BlackFlag or EventKind.PitEntry or EventKind.PitLimiterMissing;

    public static bool Admits(Verbosity verbosity, Priority priority) => verbosity switch
    {
        Verbosity.Full => true,
        Verbosity.Medium => priority >= Priority.Medium,
        _ => priority >= Priority.High,
    };
}
