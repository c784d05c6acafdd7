using CrewChief.Telemetry;

namespace CrewChief.Events;

/// <summary>
/// Flags on their rising edge (yellow, green after a yellow, blue, black) and incident points once a batch has
/// settled (the sim adds 1x, then 2x, then 4x for one crash).
/// </summary>
internal sealed class FlagEvents(BrainOptions options) : IEventDetector
{
    private const SessionFlags YellowMask = SessionFlags.Yellow | SessionFlags.YellowWaving | SessionFlags.Caution | SessionFlags.CautionWaving;
    private const SessionFlags BlackMask = SessionFlags.Black | SessionFlags.Disqualify;
    private const double IncidentSettleSeconds = 3.0;

    private readonly int _incidentStep = options.IncidentsStep;

    private bool _first = true;
    private SessionFlags _last;
    private bool _hadYellow;
    private bool _yellowPending, _greenPending, _bluePending, _blackPending;
    private int _incidentsReported = -1, _incidents;
    private double _incidentAt;

    public void Reset()
    {
        _first = true;
        _last = SessionFlags.None;
        _hadYellow = _yellowPending = _greenPending = _bluePending = _blackPending = false;
        _incidentsReported = -1;
    }

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        if (!ctx.InWorld) return;
        if (ctx.Has(TelemetryChannels.SessionFlags)) DetectFlags(ctx, emit);
        if (ctx.Has(TelemetryChannels.Incidents)) DetectIncidents(ctx, emit);
    }

    private void DetectFlags(in TickContext ctx, EventEmitter emit)
    {
        var flags = ctx.Frame.SessionFlags;
        var rising = _first ? SessionFlags.None : flags & ~_last;
        bool yellowNow = (flags & YellowMask) != 0, yellowBefore = (_last & YellowMask) != 0;
        _first = false;
        _last = flags;

        if (yellowNow && !yellowBefore) { _yellowPending = true; _greenPending = false; _hadYellow = true; }
        if (!yellowNow) _yellowPending = false;
        if ((rising & SessionFlags.Green) != 0 && _hadYellow && !yellowNow) { _greenPending = true; _hadYellow = false; }
        if ((rising & SessionFlags.Blue) != 0) _bluePending = true;
        if ((flags & SessionFlags.Blue) == 0) _bluePending = false;
        if ((rising & BlackMask) != 0) _blackPending = true;
        if ((flags & BlackMask) == 0) _blackPending = false;

        var none = new FactSet();
        if (_blackPending && emit.TryRaise(EventKind.BlackFlag, in none)) _blackPending = false;
        if (_yellowPending && emit.TryRaise(EventKind.YellowFlag, in none)) _yellowPending = false;
        if (_greenPending && emit.TryRaise(EventKind.GreenFlag, in none)) _greenPending = false;
        if (_bluePending && emit.TryRaise(EventKind.BlueFlag, in none)) _bluePending = false;
    }

    private void DetectIncidents(in TickContext ctx, EventEmitter emit)
    {
        int count = ctx.Frame.PlayerCarMyIncidentCount;
        if (_incidentsReported < 0 || count < _incidentsReported) { _incidentsReported = _incidents = count; return; }
        if (count != _incidents) { _incidents = count; _incidentAt = ctx.Time; }
        int added = _incidents - _incidentsReported;
        if (added < _incidentStep || ctx.Time - _incidentAt < IncidentSettleSeconds) return;

        int limit = ctx.Info?.IncidentLimit ?? 0;
        var facts = new FactSet();
        facts.Set(FactKey.Incidents, _incidents);
        facts.Set(FactKey.IncidentsAdded, added);
        facts.Set(FactKey.IncidentLimit, limit);
        var priority = limit > 0 && _incidents >= 0.75 * limit ? Priority.Critical : Priority.High;
        if (emit.TryRaise(EventKind.IncidentsRising, priority, in facts)) _incidentsReported = _incidents;
    }
}
