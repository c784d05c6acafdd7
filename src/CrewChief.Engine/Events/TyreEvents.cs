using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Events;

/// <summary>
/// Tyre calls that are true against the tread surface: cold out of the pits, up to temperature, overheating, each
/// once per stint, and wear past the warning and critical marks from the crew's measurement only.
/// A measured temperature (the .ibt surface channels) is stated as a number. An estimate (the live map has no
/// surface channels) must clear its fitted error before any word is said: "cold" only when even the estimate plus
/// its p95 error is below the cold mark; a number only when that error is small enough to be useful
/// (<see cref="BrainOptions.TyreEstimateNumberMaxErrorC"/>), otherwise the call is qualitative.
/// </summary>
internal sealed class TyreEvents(BrainOptions options) : IEventDetector
{
    /// <summary>
    /// "Too hot" is about a tyre that stays hot over several corners, not the seconds a slide or a crash spikes the
    /// tread (real files: 100–200 °C for a few seconds while the car spins).
    /// </summary>
    private const double HotHoldSeconds = 10.0;
    /// <summary>A slide spikes the tread for a second or two; "up to temperature" needs it to last.</summary>
    private const double OptimalHoldSeconds = 3.0;
    private const float HotRearmMargin = 5f;
    /// <summary>Above the cold mark before "up to temperature", so a tyre hovering at the mark is not called twice.</summary>
    private const float OptimalMargin = 2f;
    private const float MovingSpeed = 10f;

    private readonly float _cold = options.TyreColdC;
    private readonly float _hot = options.TyreHotC;
    private readonly float _warn = options.TyreWearWarningPct;
    private readonly float _critical = options.TyreWearCriticalPct;
    private readonly float _numberMaxError = options.TyreEstimateNumberMaxErrorC;

    private bool _coldCalled, _optimalCalled, _warnCalled, _criticalCalled, _hotArmed = true;
    private double _hotSince = double.NaN, _optimalSince = double.NaN;

    public void Reset()
    {
        _coldCalled = _optimalCalled = _warnCalled = _criticalCalled = false;
        _hotArmed = true;
        _hotSince = _optimalSince = double.NaN;
    }

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        if (!ctx.InWorld) return;
        var laps = ctx.Strategy.Laps;
        var tyres = ctx.Strategy.Tyres;
        if (laps.ExitedPitRoadThisTick) Reset();
        if (laps.OnPitRoad || ctx.Frame.Speed < MovingSpeed)
        {
            // Stopped (a spin or a crash ends here): whatever was building is not a running temperature.
            _hotSince = _optimalSince = double.NaN;
            return;
        }

        if (tyres.TempKnown) DetectTemperature(ctx, emit, tyres);

        if (!tyres.WearMeasured) return;
        float worn = tyres.MaxWorn;
        var worst = tyres.MostWornCorner;
        if (!_criticalCalled && worn >= _critical)
        {
            _criticalCalled = _warnCalled = Raise(ctx, emit, EventKind.TyreWearCritical, (int)worst, float.NaN, worn);
        }
        else if (!_warnCalled && worn >= _warn)
        {
            _warnCalled = Raise(ctx, emit, EventKind.TyreWearWarning, (int)worst, float.NaN, worn);
        }
        else if (!_warnCalled && ProjectedAtFlag(ctx, tyres, worn) is var projected && projected >= _critical)
        {
            // Below the warning now, but the set's measured rate takes it past critical by the flag: warn while
            // managing it can still help. Said as an estimate, from two measurements, never from one.
            var facts = new FactSet();
            facts.Set(FactKey.TyreCorner, (int)worst);
            facts.Set(FactKey.TyreWear, Math.Round(worn, 1));
            facts.Set(FactKey.TyreWearAtFlag, Math.Round(projected));
            facts.Set(FactKey.LapsRemaining, Math.Round(ctx.Strategy.Race.LapsRemaining, 1));
            _warnCalled = emit.TryRaise(EventKind.TyreWearWarning, in facts);
        }
    }

    /// <summary>Worst-corner wear at the flag at the set's measured rate, from the last measurement; NaN when unknown.</summary>
    private static float ProjectedAtFlag(in TickContext ctx, TyreModel tyres, float worn)
    {
        float rate = tyres.WornPerLap;
        double left = ctx.Strategy.Race.LapsRemaining;
        if (!(rate > 0) || double.IsNaN(left) || tyres.MeasuredAtLap < 0) return float.NaN;
        var laps = ctx.Strategy.Laps;
        double sinceMeasured = laps.LapsCompleted + laps.LapPct - tyres.MeasuredAtLap;
        return (float)Math.Min(100, worn + rate * (Math.Max(0, sinceMeasured) + left));
    }

    private void DetectTemperature(in TickContext ctx, EventEmitter emit, TyreModel tyres)
    {
        // Every word must hold for the real tread: an estimate's claim has to clear its error margin.
        float margin = tyres.TempErrorC;
        bool number = tyres.Measured || margin <= _numberMaxError;
        float min = tyres.MinTemp, max = tyres.MaxTemp;
        if (!_coldCalled && max + margin < _cold)
        {
            _coldCalled = Raise(ctx, emit, EventKind.TyreCold, -1, number ? tyres.AverageTemp : float.NaN, float.NaN);
        }
        else if (_coldCalled && !_optimalCalled && min - margin >= _cold + OptimalMargin && max + margin < _hot)
        {
            if (double.IsNaN(_optimalSince)) _optimalSince = ctx.Time;
            if (ctx.Time - _optimalSince >= OptimalHoldSeconds)
                _optimalCalled = Raise(ctx, emit, EventKind.TyreOptimal, -1, number ? tyres.AverageTemp : float.NaN, float.NaN);
        }
        else _optimalSince = double.NaN;

        if (max - margin < _hot - HotRearmMargin) { _hotArmed = true; _hotSince = double.NaN; }
        if (_hotArmed && max - margin > _hot)
        {
            if (double.IsNaN(_hotSince)) _hotSince = ctx.Time;
            if (ctx.Time - _hotSince >= HotHoldSeconds)
            {
                var corner = tyres.HottestCorner;
                if (Raise(ctx, emit, EventKind.TyreHot, (int)corner, number ? tyres[corner].TempC : float.NaN, float.NaN)) _hotArmed = false;
            }
        }
        else if (max - margin <= _hot) _hotSince = double.NaN;
    }

    /// <summary>Facts carry only what is known: a temperature when it may be said as a number, wear when measured.</summary>
    private static bool Raise(in TickContext ctx, EventEmitter emit, EventKind kind, int corner, float temp, float worn)
    {
        var tyres = ctx.Strategy.Tyres;
        var facts = new FactSet();
        facts.Set(FactKey.TyreCorner, corner);
        if (!float.IsNaN(temp)) facts.Set(FactKey.TyreTemp, Math.Round(temp, 1));
        if (!float.IsNaN(worn)) facts.Set(FactKey.TyreWear, Math.Round(worn, 1));
        // A measurement has no confidence to state; an estimate carries one, and its phrasings say "estimated".
        if (!tyres.Measured) facts.Set(FactKey.Confidence, Math.Round(tyres.Confidence, 2));
        if (ctx.Has(TelemetryChannels.Temperatures)) facts.Set(FactKey.TrackTemp, ctx.Frame.TrackTemp);
        return emit.TryRaise(kind, in facts);
    }
}
