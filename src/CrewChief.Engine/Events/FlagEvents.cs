using CrewChief.Telemetry;

namespace CrewChief.Events;

/// <summary>
/// Flags on their rising edge (yellow, blue, black), the neutralisations — safety car, full-course yellow, red
/// flag — each with what to do, the green once the track is clear again, and incident points once a batch has
/// settled (the sim adds 1x, then 2x, then 4x for one crash). A full-course caution is a safety car — iRacing's
/// cautions always send the pace car out, and it is in the world (pit lane or road) from the moment it is thrown —
/// unless the session lists a pace car that stays out of the world or parked in its stall: then it is a full-course
/// yellow (a virtual neutralisation, as in WEC timing), with no car to catch.
/// </summary>
internal sealed class FlagEvents(BrainOptions options) : IEventDetector
{
    private const SessionFlags LocalYellowMask = SessionFlags.Yellow | SessionFlags.YellowWaving;
    private const SessionFlags CautionMask = SessionFlags.Caution | SessionFlags.CautionWaving;
    private const SessionFlags BlackMask = SessionFlags.Black | SessionFlags.Disqualify;
    /// <summary>The meatball: iRacing's Repair flag ("you must pit for repairs").</summary>
    private const SessionFlags RepairMask = SessionFlags.Repair;
    private const double IncidentSettleSeconds = 3.0;
    /// <summary>How long a caution waits for the pace car to come out before it is called a full-course yellow.</summary>
    private const double PaceCarWaitSeconds = 4.0;

    private enum Neutral : byte { None, LocalYellow, Caution, Red }

    private readonly int _incidentStep = options.IncidentsStep;

    private bool _first = true;
    private SessionFlags _last;
    private Neutral _state;
    private bool _hadNeutral;
    private double _cautionSince;
    /// <summary>The caution's kind has been called (SC or FCY), or upgraded from FCY to SC once.</summary>
    private bool _cautionCalled, _safetyCarCalled;
    private bool _yellowPending, _greenPending, _bluePending, _blackPending, _redPending, _repairPending;
    /// <summary>PitsOpen on the last tick, and a "pits open" call waiting (the pits opened during a caution).</summary>
    private bool _pitsWereOpen = true, _pitsOpenPending;
    private int _incidentsReported = -1, _incidents;
    private double _incidentAt;
    /// <summary>The points not yet reported came before the engine first saw the count: how many were added when is unknown.</summary>
    private bool _addedUnknown;

    public void Reset()
    {
        _first = true;
        _last = SessionFlags.None;
        _state = Neutral.None;
        _hadNeutral = _yellowPending = _greenPending = _bluePending = _blackPending = _redPending = _pitsOpenPending = _repairPending = false;
        _pitsWereOpen = true;
        _cautionCalled = _safetyCarCalled = false;
        _incidentsReported = -1;
        _addedUnknown = false;
    }

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        if (!ctx.InWorld) return;
        if (ctx.Has(TelemetryChannels.SessionFlags)) DetectFlags(ctx, emit);
        if (ctx.Has(TelemetryChannels.Incidents)) DetectIncidents(ctx, emit);
    }

    private static Neutral StateOf(SessionFlags flags) =>
        (flags & SessionFlags.Red) != 0 ? Neutral.Red
        : (flags & CautionMask) != 0 ? Neutral.Caution
        : (flags & LocalYellowMask) != 0 ? Neutral.LocalYellow
        : Neutral.None;

    private void DetectFlags(in TickContext ctx, EventEmitter emit)
    {
        var flags = ctx.Frame.SessionFlags;
        var rising = _first ? SessionFlags.None : flags & ~_last;
        var state = StateOf(flags);
        bool firstTick = _first;
        _first = false;
        _last = flags;

        if (state != _state)
        {
            var was = _state;
            _state = state;
            _yellowPending = state == Neutral.LocalYellow && was == Neutral.None;
            _redPending = state == Neutral.Red;
            if (state == Neutral.Caution && was != Neutral.Caution)
            {
                _cautionSince = ctx.Time;
                _cautionCalled = _safetyCarCalled = false;
            }
            if (state != Neutral.None) { _hadNeutral = true; _greenPending = false; }
            // The green: the track is clear after any yellow, caution or red (not the start, which has its own call).
            else if (_hadNeutral && !firstTick && ctx.IsRacing) { _greenPending = true; _hadNeutral = false; }
        }
        if ((rising & SessionFlags.Blue) != 0) _bluePending = true;
        if ((flags & SessionFlags.Blue) == 0) _bluePending = false;
        if ((rising & BlackMask) != 0) _blackPending = true;
        if ((flags & BlackMask) == 0) _blackPending = false;
        if ((rising & RepairMask) != 0) _repairPending = true;
        if ((flags & RepairMask) == 0) _repairPending = false;

        var none = new FactSet();
        if (_blackPending && emit.TryRaise(EventKind.BlackFlag, in none)) _blackPending = false;
        if (_repairPending && emit.TryRaise(EventKind.RepairFlag, in none)) _repairPending = false;
        if (_redPending && emit.TryRaise(EventKind.RedFlag, in none)) _redPending = false;
        if (_state == Neutral.Caution) DetectCaution(ctx, emit);
        DetectPitsOpening(ctx, emit);
        if (_yellowPending && emit.TryRaise(EventKind.YellowFlag, in none)) _yellowPending = false;
        if (_greenPending && emit.TryRaise(EventKind.GreenFlag, in none)) _greenPending = false;
        if (_bluePending && emit.TryRaise(EventKind.BlueFlag, in none)) _bluePending = false;
    }

    /// <summary>Safety car or full-course yellow: which one depends on the pace car being out (see the class summary).</summary>
    private void DetectCaution(in TickContext ctx, EventEmitter emit)
    {
        if (_safetyCarCalled) return;
        int pace = ctx.Strategy.PaceCarIdx;
        var f = ctx.Frame;
        bool paceOut = pace < 0 || !ctx.Has(TelemetryChannels.CarIdx)
            || f.CarIdxTrackSurface[pace] is not (TrackSurface.NotInWorld or TrackSurface.InPitStall);
        var facts = new FactSet();
        if (ctx.Position > 0) facts.Set(FactKey.Position, ctx.Position);
        // Pits open or closed only from the sim's own PitsOpen ("True if pit stop is allowed for the current
        // player"): iRacing closes pit road when a caution is thrown and opens it once the field is gathered behind
        // the pace car. Race timing (WEC) has no such signal and the series rules differ by event, so a replayed
        // timing file publishes no PitsOpen and the call then says what to do without a pit status.
        if (ctx.Has(TelemetryChannels.PitsOpen)) facts.Set(FactKey.PitsOpen, f.PitsOpen ? 1 : 0);
        if (paceOut)
        {
            if (emit.TryRaise(EventKind.SafetyCar, in facts)) _safetyCarCalled = _cautionCalled = true;
        }
        else if (!_cautionCalled && ctx.Time - _cautionSince >= PaceCarWaitSeconds)
        {
            if (emit.TryRaise(EventKind.FullCourseYellow, in facts)) _cautionCalled = true;
        }
    }

    /// <summary>The pits opening while the field is neutralised: the stop the caution makes cheap is allowed now.</summary>
    private void DetectPitsOpening(in TickContext ctx, EventEmitter emit)
    {
        if (!ctx.Has(TelemetryChannels.PitsOpen)) return;
        bool open = ctx.Frame.PitsOpen;
        if (open && !_pitsWereOpen && _state == Neutral.Caution && _cautionCalled) _pitsOpenPending = true;
        if (!open || _state != Neutral.Caution) _pitsOpenPending = false;
        _pitsWereOpen = open;
        var facts = new FactSet();
        facts.Set(FactKey.PitsOpen, 1);
        if (_pitsOpenPending && emit.TryRaise(EventKind.PitLaneOpen, in facts)) _pitsOpenPending = false;
    }

    private void DetectIncidents(in TickContext ctx, EventEmitter emit)
    {
        int count = ctx.Frame.PlayerCarMyIncidentCount;
        if (_incidentsReported < 0 && count >= 2 * _incidentStep)
        {
            // The first count the engine sees is already high, two reporting steps or more (it started, or the count
            // became readable, mid-session): worth saying once, as a count, never as points "just now". A lower one
            // is old news the driver has on his dash.
            _incidentsReported = 0;
            _incidents = count;
            _incidentAt = ctx.Time;
            _addedUnknown = true;
        }
        if (_incidentsReported < 0 || count < _incidentsReported) { _incidentsReported = _incidents = count; _addedUnknown = false; return; }
        if (count != _incidents) { _incidents = count; _incidentAt = ctx.Time; }
        int added = _incidents - _incidentsReported;
        if (added < _incidentStep || ctx.Time - _incidentAt < IncidentSettleSeconds) return;

        int limit = ctx.Info?.IncidentLimit ?? 0;
        var facts = new FactSet();
        facts.Set(FactKey.Incidents, _incidents);
        if (!_addedUnknown) facts.Set(FactKey.IncidentsAdded, added);
        facts.Set(FactKey.IncidentLimit, limit);
        var priority = limit > 0 && _incidents >= 0.75 * limit ? Priority.Critical : Priority.High;
        if (emit.TryRaise(EventKind.IncidentsRising, priority, in facts)) { _incidentsReported = _incidents; _addedUnknown = false; }
    }
}
