namespace CrewChief.Strategy;

/// <summary>How much time is left to call the driver in on this lap.</summary>
public enum PitCallState : byte
{
    /// <summary>Plenty of time before the call point.</summary>
    Green = 0,
    /// <summary>The call point is near: call now to be safe.</summary>
    Amber = 1,
    /// <summary>Last moment: a call now is only just in time.</summary>
    Red = 2,
    /// <summary>Past the call point (or within the safety buffer): this lap is lost, the next lap is the earliest.</summary>
    LockedOut = 3,
}

/// <summary>
/// Seconds until the point on the lap where the driver must hear "box" to make pit entry (the call point, a set
/// distance before entry), integrated over the learned speed profile, minus a safety buffer for speaking and
/// reacting. Pit entry is learned from where the car first reached pit road, unless given.
/// </summary>
public sealed class PitCallTimer
{
    private readonly SpeedProfile _profile;
    private readonly double _leadMetres;
    private readonly double _bufferSeconds;
    private readonly double _amberSeconds;
    private readonly double _redSeconds;
    private readonly double _configuredEntry;

    public PitCallTimer(SpeedProfile profile, double? pitEntryPct, double leadMetres, double bufferSeconds, double amberSeconds, double redSeconds)
    {
        _profile = profile;
        _configuredEntry = pitEntryPct ?? double.NaN;
        PitEntryPct = _configuredEntry;
        _leadMetres = leadMetres;
        _bufferSeconds = bufferSeconds;
        _amberSeconds = amberSeconds;
        _redSeconds = redSeconds;
    }

    /// <summary>Where pit road starts as a lap fraction, NaN until known.</summary>
    public double PitEntryPct { get; private set; }
    public double CallPointPct { get; private set; } = double.NaN;
    public bool HasPitEntry => !double.IsNaN(PitEntryPct);
    /// <summary>Seconds until the call point less the safety buffer; NaN when pit entry is unknown.</summary>
    public double SecondsToCallPoint { get; private set; } = double.NaN;
    public PitCallState State { get; private set; }

    internal void Reset() => PitEntryPct = _configuredEntry;

    internal void LearnPitEntry(float pct)
    {
        if (double.IsNaN(_configuredEntry) && pct >= 0 && pct < 1) PitEntryPct = pct;
    }

    internal void Update(float pct, double trackLengthM, float fallbackSpeed)
    {
        if (!HasPitEntry || !(trackLengthM > 0))
        {
            SecondsToCallPoint = double.NaN;
            CallPointPct = double.NaN;
            State = PitCallState.Green;
            return;
        }
        double call = PitEntryPct - _leadMetres / trackLengthM;
        call -= Math.Floor(call);
        CallPointPct = call;
        double raw = _profile.SecondsBetween(pct, call, trackLengthM, fallbackSpeed);
        SecondsToCallPoint = raw - _bufferSeconds;
        State = Classify(pct, call, PitEntryPct, SecondsToCallPoint, _amberSeconds, _redSeconds);
    }

    public static PitCallState Classify(double pct, double callPct, double entryPct, double seconds, double amber, double red)
    {
        // Between the call point and pit entry the call is too late whatever the clock says.
        double sinceCall = pct - callPct;
        if (sinceCall < 0) sinceCall += 1;
        double callToEntry = entryPct - callPct;
        if (callToEntry < 0) callToEntry += 1;
        if (sinceCall < callToEntry || seconds < 0) return PitCallState.LockedOut;
        if (seconds <= red) return PitCallState.Red;
        if (seconds <= amber) return PitCallState.Amber;
        return PitCallState.Green;
    }
}
