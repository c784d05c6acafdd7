using System.Runtime.CompilerServices;
using CrewChief.Telemetry;

namespace CrewChief.Strategy;

/// <summary>One corner: tread surface temperature (°C) and tread worn (%, NaN until the crew has measured it).</summary>
public readonly record struct TyreEstimate(float TempC, float WornPct);

/// <summary>
/// Each tyre's tread surface temperature and worn tread, and how far each can be trusted.
/// Temperature: where the source has the live surface channels (.ibt files) they ARE the temperature
/// (<see cref="Measured"/>); otherwise (the live map has none) the fitted heat balance <see cref="TyreHeat"/>
/// estimates it, and <see cref="TempErrorC"/> says how wrong that estimate was on real files it had not seen.
/// Wear: iRacing freezes the wear channels during a stint and refreshes them only when the crew measures (spawn,
/// pit stall), so wear is only ever the last measurement; nothing is extrapolated from it.
/// </summary>
public sealed class TyreModel
{
    /// <summary>
    /// p95 of |estimate − surface| on real files, car type held out (docs/tyres.md, bench tyres-fit): the margin an
    /// estimated claim must clear to be true 19 times in 20 on a car nobody fitted.
    /// </summary>
    public const float EstimateErrorC = 28f;
    /// <summary>Driving after an unknown start (joined mid-stint) before the estimate has forgotten its guess (~3 time constants at speed).</summary>
    private const float SettleSeconds = 30f;
    private const float MovingSpeed = 5f;

    [InlineArray(4)]
    private struct Corners { private float _e0; }

    private readonly TyreHeatParams _heat;
    private Corners _temp;
    private Corners _worn;
    /// <summary>Last raw wear channels summed (weighted): a change means the crew measured.</summary>
    private float _lastWearSignature = float.NaN;
    private bool _initialised;
    /// <summary>Where the set's wear was first measured: laps completed and worst-corner worn %.</summary>
    private int _setFromLap = -1;
    private float _setFromWorn;
    /// <summary>Seconds of driving still needed before an estimate that started from an unknown state is usable.</summary>
    private float _unsettledSeconds;

    public TyreModel() : this(TyreHeatParams.Fitted) { }

    public TyreModel(TyreHeatParams heat) => _heat = heat;

    /// <summary>Ignore the surface channels and estimate, as the engine must on the live map (`replay --tyres estimate`).</summary>
    public bool EstimateOnly { get; set; }
    /// <summary>This tick's temperatures are the sim's own surface readings.</summary>
    public bool Measured { get; private set; }
    /// <summary>0 when measured; else <see cref="EstimateErrorC"/>.</summary>
    public float TempErrorC => Measured ? 0f : EstimateErrorC;
    /// <summary>
    /// The temperatures mean something: measured, or estimated from a known start (spawn or pit lane at rest, where
    /// the tread sits at track temperature) or long enough after an unknown one.
    /// </summary>
    public bool TempKnown => Measured || (_initialised && _unsettledSeconds <= 0);
    /// <summary>The crew has measured the tread at least once (the wear values are real).</summary>
    public bool WearMeasured { get; private set; }
    /// <summary>The wear channels changed this tick (the crew measured).</summary>
    public bool MeasuredThisTick { get; private set; }
    public double SecondsSinceMeasurement { get; private set; } = double.PositiveInfinity;
    /// <summary>Laps completed when the crew last measured; -1 before any measurement.</summary>
    public int MeasuredAtLap { get; private set; } = -1;
    /// <summary>
    /// Worst-corner wear per lap between two of the crew's measurements on the same set (worn % up, laps apart),
    /// NaN until there are two: a rate from real measurements, never from the frozen channel alone.
    /// </summary>
    public float WornPerLap { get; private set; } = float.NaN;

    /// <summary>1 for a measurement; for the estimate, the share of its p95 error left of a 100 °C range (a display hint).</summary>
    public float Confidence => Measured ? 1f : TempKnown ? 1f - EstimateErrorC / 100f : 0.2f;

    public TyreEstimate this[TyreCorner corner] => new(_temp[(int)corner], WearMeasured ? _worn[(int)corner] : float.NaN);

    public float AverageTemp => (_temp[0] + _temp[1] + _temp[2] + _temp[3]) * 0.25f;
    public float MaxTemp => MathF.Max(MathF.Max(_temp[0], _temp[1]), MathF.Max(_temp[2], _temp[3]));
    public float MinTemp => MathF.Min(MathF.Min(_temp[0], _temp[1]), MathF.Min(_temp[2], _temp[3]));

    public TyreCorner HottestCorner => ArgMax(_temp);
    public TyreCorner MostWornCorner => ArgMax(_worn);
    /// <summary>Worst measured wear, %; NaN before any measurement.</summary>
    public float MaxWorn => WearMeasured ? _worn[(int)MostWornCorner] : float.NaN;

    internal void Reset()
    {
        _initialised = false;
        Measured = false;
        WearMeasured = false;
        _lastWearSignature = float.NaN;
        MeasuredAtLap = _setFromLap = -1;
        WornPerLap = float.NaN;
        SecondsSinceMeasurement = double.PositiveInfinity;
    }

    /// <param name="dt">Seconds since the previous in-world tick.</param>
    /// <param name="exitedPits">Kept for the caller's contract; a pit visit shows up as a change of the wear channels.</param>
    internal void Update(TelemetryFrame f, float dt, bool exitedPits)
    {
        _ = exitedPits;
        MeasuredThisTick = false;
        UpdateWear(f);
        if (dt > 0) SecondsSinceMeasurement += dt;

        Measured = !EstimateOnly && (f.Available & TelemetryChannels.TyreSurfaceTemps) != 0
            && f.TyreSurfaceTemp.AsSpan().IndexOfAnyExcept(0f) >= 0;
        if (Measured)
        {
            for (int i = 0; i < 4; i++)
                _temp[i] = (f.TyreSurfaceTemp[3 * i] + f.TyreSurfaceTemp[3 * i + 1] + f.TyreSurfaceTemp[3 * i + 2]) / 3f;
            _initialised = true;
            _unsettledSeconds = 0;
            return;
        }

        bool hasTemps = (f.Available & TelemetryChannels.Temperatures) != 0;
        float track = hasTemps ? f.TrackTemp : 25f, air = hasTemps ? f.AirTemp : 25f;
        if (!_initialised)
        {
            // At rest the tread settles at track temperature; a car first seen already moving has an unknown past.
            for (int i = 0; i < 4; i++) _temp[i] = track;
            _unsettledSeconds = f.Speed > MovingSpeed ? SettleSeconds : 0;
            _initialised = true;
        }
        if (dt <= 0) return;
        if (f.Speed > MovingSpeed && _unsettledSeconds > 0) _unsettledSeconds -= dt;

        bool hasG = (f.Available & TelemetryChannels.Accelerations) != 0;
        // Without accelerometers braking effort stands in for deceleration (about 1 g at full pedal).
        float lat = hasG ? f.LatAccel : 0, lon = hasG ? f.LongAccel : -f.Brake * 9.81f;
        float decay = TyreHeat.Decay(f.Speed, dt, _heat);
        for (int i = 0; i < 4; i++)
        {
            float load = TyreHeat.Load((TyreCorner)i, lat, lon, _heat.RollingLoad);
            _temp[i] = TyreHeat.Step(_temp[i], load, f.Speed, track, air, _heat, decay);
        }
    }

    private void UpdateWear(TelemetryFrame f)
    {
        // A source that declares the wear channel but leaves it all zero has not measured (a worn-out set reads ~0.1+).
        if ((f.Available & TelemetryChannels.TyreWear) == 0 || f.TyreWear.AsSpan().IndexOfAnyExcept(0f) < 0) return;
        float signature = 0;
        for (int i = 0; i < 12; i++) signature += f.TyreWear[i] * (i + 1);
        if (signature == _lastWearSignature) return;
        _lastWearSignature = signature;
        float before = WearMeasured ? MaxWorn : float.NaN;
        for (int i = 0; i < 4; i++)
        {
            float remaining = MathF.Min(f.TyreWear[i * 3], MathF.Min(f.TyreWear[i * 3 + 1], f.TyreWear[i * 3 + 2]));
            _worn[i] = Math.Clamp((1f - remaining) * 100f, 0f, 100f);
        }
        WearMeasured = true;
        int lap = f.LapCompleted;
        float now = MaxWorn;
        if (_setFromLap < 0 || !(now > before))
        {
            // The first measurement, or a fresh set (less worn than the last one): a new set's wear starts here.
            _setFromLap = lap;
            _setFromWorn = now;
            WornPerLap = float.NaN;
        }
        else if (lap > _setFromLap) WornPerLap = (now - _setFromWorn) / (lap - _setFromLap);
        MeasuredAtLap = lap;
        MeasuredThisTick = true;
        SecondsSinceMeasurement = 0;
    }

    private static TyreCorner ArgMax(in Corners c)
    {
        int best = 0;
        for (int i = 1; i < 4; i++) if (c[i] > c[best]) best = i;
        return (TyreCorner)best;
    }
}
