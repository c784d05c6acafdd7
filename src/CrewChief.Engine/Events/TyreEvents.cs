using CrewChief.Telemetry;

namespace CrewChief.Events;

/// <summary>
/// Tyre calls from the estimate (never a live reading; the facts carry its confidence): cold out of the pits,
/// up to temperature, overheating, and wear past the warning and critical marks. Each once per stint.
/// </summary>
internal sealed class TyreEvents(BrainOptions options) : IEventDetector
{
    private const double HotHoldSeconds = 5.0;
    private const float HotRearmMargin = 5f;
    private const float OptimalMargin = 10f;
    private const float MovingSpeed = 10f;

    private readonly float _cold = options.TyreColdC;
    private readonly float _hot = options.TyreHotC;
    private readonly float _warn = options.TyreWearWarningPct;
    private readonly float _critical = options.TyreWearCriticalPct;

    private bool _coldCalled, _optimalCalled, _warnCalled, _criticalCalled, _hotArmed = true;
    private double _hotSince = double.NaN;

    public void Reset()
    {
        _coldCalled = _optimalCalled = _warnCalled = _criticalCalled = false;
        _hotArmed = true;
        _hotSince = double.NaN;
    }

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        if (!ctx.InWorld) return;
        var laps = ctx.Strategy.Laps;
        var tyres = ctx.Strategy.Tyres;
        if (laps.ExitedPitRoadThisTick) Reset();
        if (laps.OnPitRoad || ctx.Frame.Speed < MovingSpeed) return;

        float min = tyres.MinTemp, max = tyres.MaxTemp;
        if (!_coldCalled && min < _cold)
        {
            _coldCalled = Raise(ctx, emit, EventKind.TyreCold, -1, min, tyres.MaxWorn);
        }
        else if (_coldCalled && !_optimalCalled && min >= _cold + OptimalMargin && max < _hot)
        {
            _optimalCalled = Raise(ctx, emit, EventKind.TyreOptimal, -1, tyres.AverageTemp, tyres.MaxWorn);
        }

        if (max < _hot - HotRearmMargin) { _hotArmed = true; _hotSince = double.NaN; }
        else if (_hotArmed && max > _hot)
        {
            if (double.IsNaN(_hotSince)) _hotSince = ctx.Time;
            if (ctx.Time - _hotSince >= HotHoldSeconds)
            {
                var corner = tyres.HottestCorner;
                if (Raise(ctx, emit, EventKind.TyreHot, (int)corner, max, tyres[corner].WornPct)) _hotArmed = false;
            }
        }

        float worn = tyres.MaxWorn;
        var worst = tyres.MostWornCorner;
        if (!_criticalCalled && worn >= _critical)
        {
            _criticalCalled = _warnCalled = Raise(ctx, emit, EventKind.TyreWearCritical, (int)worst, tyres[worst].TempC, worn);
        }
        else if (!_warnCalled && worn >= _warn)
        {
            _warnCalled = Raise(ctx, emit, EventKind.TyreWearWarning, (int)worst, tyres[worst].TempC, worn);
        }
    }

    private static bool Raise(in TickContext ctx, EventEmitter emit, EventKind kind, int corner, float temp, float worn)
    {
        var facts = new FactSet();
        facts.Set(FactKey.TyreCorner, corner);
        facts.Set(FactKey.TyreTemp, Math.Round(temp, 1));
        facts.Set(FactKey.TyreWear, Math.Round(worn, 1));
        facts.Set(FactKey.Confidence, Math.Round(ctx.Strategy.Tyres.Confidence, 2));
        if (ctx.Has(TelemetryChannels.Temperatures)) facts.Set(FactKey.TrackTemp, ctx.Frame.TrackTemp);
        return emit.TryRaise(kind, in facts);
    }
}
