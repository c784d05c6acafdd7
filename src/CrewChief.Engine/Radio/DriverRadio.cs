using CrewChief.Events;
using CrewChief.Pipeline;
using CrewChief.Telemetry;

namespace CrewChief.Radio;

/// <summary>
/// The driver's side of the radio: what he asked for (keep quiet, spotter off, no talking in corners, more or less
/// detail), whether he is talking now (push-to-talk open), and the latest radio state for answers. It is the
/// director's <see cref="IRadioGate"/>: while the driver talks, or in a corner when he asked for straights only,
/// routine calls are held and posted again when the moment comes (or dropped once expired); spotter and critical
/// calls never wait. Threads: the tick thread calls <see cref="OnTick"/> (allocation-free), the director calls the
/// gate, the radio thread and HTTP handlers call <see cref="Apply"/> and <see cref="Latest"/>; the settings are
/// single words (volatile), the state copy and the held list are under one small lock.
/// </summary>
public sealed class DriverRadio : IRadioGate
{
    private const double StateInterval = 0.25;
    private const int HeldCapacity = 32;
    /// <summary>A bin is a corner when the learned speed there is below this share of the lap's top speed.</summary>
    private const float CornerSpeedShare = 0.75f;
    /// <summary>Bins looked ahead (of 200): the braking zone before a corner counts as the corner.</summary>
    private const int LookAheadBins = 6;

    private readonly Lock _gate = new();
    private readonly RaceEvent[] _held = new RaceEvent[HeldCapacity];
    private int _heldCount;
    private RadioState _state = RadioState.Unknown;
    private double _nextState = double.NegativeInfinity;
    private float _topSpeed;
    private volatile bool _talking;
    private volatile bool _onStraight = true;
    private volatile bool _quiet;
    private volatile bool _spotterOff;
    private volatile bool _straightsOnly;
    private volatile int _detail;
    private volatile string? _lastSaid;

    public bool Quiet => _quiet;
    public bool SpotterOff => _spotterOff;
    public bool StraightsOnly => _straightsOnly;
    /// <summary>-1 less detail, 0 normal, +1 more.</summary>
    public int Detail => _detail;
    /// <summary>Push-to-talk is open (or voice activity heard the driver).</summary>
    public bool DriverTalking => _talking;
    /// <summary>The car is on a straight by the learned speed trace (true while the trace is not learned yet).</summary>
    public bool OnStraight => _onStraight;
    /// <summary>The last thing the engineer said (for "say again").</summary>
    public string? LastSaid => _lastSaid;
    /// <summary>Callouts held now.</summary>
    public int HeldCount { get { lock (_gate) return _heldCount; } }

    /// <summary>The latest radio state (a copy, 4 Hz fresh).</summary>
    public RadioState Latest()
    {
        lock (_gate) return _state;
    }

    /// <summary>Sets the state directly (the `ask` command and tests, which have no tick loop).</summary>
    public void Publish(in RadioState state)
    {
        lock (_gate) _state = state;
    }

    public void SetTalking(bool talking) => _talking = talking;

    /// <summary>For tests and the bench: pretend the car is (not) on a straight.</summary>
    public void SetOnStraight(bool onStraight) => _onStraight = onStraight;

    /// <summary>Applies a command intent; questions change nothing.</summary>
    public void Apply(RadioIntent intent)
    {
        switch (intent)
        {
            case RadioIntent.KeepQuiet: _quiet = true; break;
            case RadioIntent.TalkToMe: _quiet = false; break;
            case RadioIntent.SpotterOff: _spotterOff = true; break;
            case RadioIntent.SpotterOn: _spotterOff = false; break;
            case RadioIntent.NoTalkInCorners: _straightsOnly = true; break;
            case RadioIntent.TalkAnywhere: _straightsOnly = false; break;
            case RadioIntent.MoreDetail: _detail = Math.Min(1, _detail + 1); break;
            case RadioIntent.LessDetail: _detail = Math.Max(-1, _detail - 1); break;
        }
    }

    /// <summary>Remembers what was said last (answers and callouts), for "say again".</summary>
    public void Said(string text) => _lastSaid = text;

    public RadioGateDecision Admit(in RaceEvent e)
    {
        if (e.Priority == Priority.Spotter) return _spotterOff ? RadioGateDecision.Drop : RadioGateDecision.Speak;
        if (e.Priority >= Priority.Critical) return RadioGateDecision.Speak;
        if (_quiet) return RadioGateDecision.Drop;
        if (_detail < 0 && e.Priority <= Priority.Low) return RadioGateDecision.Drop;
        if (_talking) return RadioGateDecision.Hold;
        if (_straightsOnly && !_onStraight) return RadioGateDecision.Hold;
        return RadioGateDecision.Speak;
    }

    public void Hold(in RaceEvent e)
    {
        lock (_gate)
        {
            if (_heldCount == HeldCapacity)
            {
                // Oldest first out: it is the stalest, as in the router's lanes.
                Array.Copy(_held, 1, _held, 0, HeldCapacity - 1);
                _heldCount--;
            }
            _held[_heldCount++] = e;
        }
    }

    /// <summary>
    /// Tick thread, every in-world tick after the brain: refreshes the radio state (4 Hz), the on-a-straight bit,
    /// and posts held calls again once the gate is open. Allocation-free.
    /// </summary>
    public void OnTick(TelemetryFrame frame, SessionInfo? info, RaceBrain brain, EventRouter router, long now)
    {
        var profile = brain.Strategy.Profile;
        ReadOnlySpan<float> bins = profile.Bins;
        if (frame.SessionTime >= _nextState || frame.SessionTime < _nextState - 10)
        {
            _nextState = frame.SessionTime + StateInterval;
            var state = RadioState.Capture(brain, frame, info);
            float top = 0;
            foreach (float v in bins) if (v > top) top = v;
            _topSpeed = profile.LearnedBins * 2 >= bins.Length ? top : 0;
            lock (_gate) _state = state;
        }
        _onStraight = IsStraight(bins, _topSpeed, frame.LapDistPct, frame.Brake);

        if (_heldCount == 0) return;
        lock (_gate)
        {
            int kept = 0;
            for (int i = 0; i < _heldCount; i++)
            {
                ref readonly RaceEvent e = ref _held[i];
                if (e.IsExpired(now)) continue;
                if (Admit(e) == RadioGateDecision.Speak) router.Post(e);
                else _held[kept++] = e;
            }
            _heldCount = kept;
        }
    }

    /// <summary>A straight by the learned speed trace: fast here and for the next few bins, and not braking.</summary>
    public static bool IsStraight(ReadOnlySpan<float> bins, float topSpeed, float lapPct, float brake)
    {
        if (topSpeed <= 0 || bins.Length == 0) return true; // not learned: no reason to hold anything
        if (brake > 0.2f) return false;
        int at = (int)(Math.Clamp(lapPct, 0f, 0.9999f) * bins.Length);
        for (int k = 0; k <= LookAheadBins; k++)
        {
            float v = bins[(at + k) % bins.Length];
            if (v > 0 && v < CornerSpeedShare * topSpeed) return false;
        }
        return true;
    }
}
