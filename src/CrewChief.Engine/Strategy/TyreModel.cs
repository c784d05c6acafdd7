using System.Runtime.CompilerServices;
using CrewChief.Telemetry;

namespace CrewChief.Strategy;

/// <summary>One corner's estimate: surface temperature (°C) and tread worn (%).</summary>
public readonly record struct TyreEstimate(float TempC, float WornPct);

/// <summary>
/// Estimates each tyre's temperature and wear from the load it actually sees (lateral and longitudinal g,
/// speed, braking), cooling toward the track/air temperature. iRacing freezes its own tyre channels during a
/// stint and refreshes them only when the crew measures (spawn, pit stall), so those values are taken as
/// measurements: whenever they change, and at every pit exit, the estimate snaps to them and its confidence
/// returns to 1, then decays with time since the measurement. Never present this as a live reading.
/// </summary>
public sealed class TyreModel
{
    private const float Gravity = 9.81f;
    /// <summary>Share of rolling work every tyre gets regardless of load.</summary>
    private const float BaseWork = 0.15f;
    /// <summary>Heating per unit work (°C per m/s·g·s); tuned so a GT car at pace sits ~60 °C above ambient.</summary>
    private const float HeatGain = 0.07f;
    private const float CoolingStill = 0.02f;
    private const float CoolingPerMs = 0.0004f;
    /// <summary>Tread % per unit work before calibration (~2 % per 100 s lap at pace).</summary>
    private const float DefaultWearPerWork = 6.0e-4f;
    /// <summary>Seconds for confidence to fall to 1/e after a measurement.</summary>
    private const float ConfidenceTau = 300f;
    private const float UnmeasuredConfidence = 0.2f;

    [InlineArray(4)]
    private struct Corners { private float _e0; }

    private Corners _temp;
    private Corners _worn;
    /// <summary>Last raw tyre channels (12 temps + 12 wears) summed: a change means the crew measured.</summary>
    private float _lastRawSignature = float.NaN;
    /// <summary>Wear at the last measurement and the estimate's wear since then, per corner, for calibration.</summary>
    private Corners _measuredWorn;
    private float _wearPerWork = DefaultWearPerWork;
    private bool _measured;
    private bool _initialised;

    public double SecondsSinceMeasurement { get; private set; } = double.PositiveInfinity;
    public bool MeasuredThisTick { get; private set; }
    public float WearPerWork => _wearPerWork;

    public float Confidence => _measured ? MathF.Exp(-(float)SecondsSinceMeasurement / ConfidenceTau) : UnmeasuredConfidence;

    public TyreEstimate this[TyreCorner corner] => new(_temp[(int)corner], _worn[(int)corner]);

    public float AverageTemp => (_temp[0] + _temp[1] + _temp[2] + _temp[3]) * 0.25f;
    public float MaxTemp => MathF.Max(MathF.Max(_temp[0], _temp[1]), MathF.Max(_temp[2], _temp[3]));
    public float MinTemp => MathF.Min(MathF.Min(_temp[0], _temp[1]), MathF.Min(_temp[2], _temp[3]));

    public TyreCorner HottestCorner => ArgMax(_temp);
    public TyreCorner MostWornCorner => ArgMax(_worn);
    public float MaxWorn => _worn[(int)MostWornCorner];

    internal void Reset()
    {
        _initialised = false;
        _measured = false;
        _lastRawSignature = float.NaN;
        SecondsSinceMeasurement = double.PositiveInfinity;
    }

    /// <param name="dt">Seconds since the previous in-world tick.</param>
    /// <param name="exitedPits">The car left pit road this tick: fresh crew readings apply.</param>
    internal void Update(TelemetryFrame f, float dt, bool exitedPits)
    {
        MeasuredThisTick = false;
        float ambient = Ambient(f);
        if (!_initialised)
        {
            for (int i = 0; i < 4; i++) { _temp[i] = ambient; _worn[i] = 0; _measuredWorn[i] = 0; }
            _initialised = true;
        }

        float signature = RawSignature(f);
        bool rawChanged = !float.IsNaN(signature) && signature != _lastRawSignature;
        if (rawChanged || (exitedPits && !float.IsNaN(signature)))
        {
            ApplyMeasurement(f, calibrate: rawChanged && !float.IsNaN(_lastRawSignature));
            _lastRawSignature = signature;
            return;
        }

        if (dt <= 0) return;
        SecondsSinceMeasurement += dt;
        Integrate(f, dt, ambient);
    }

    private void Integrate(TelemetryFrame f, float dt, float ambient)
    {
        float v = MathF.Max(0, f.Speed);
        bool hasG = (f.Available & TelemetryChannels.Accelerations) != 0;
        float lat = hasG ? f.LatAccel / Gravity : 0;
        // Without accelerometers, braking effort stands in for longitudinal load.
        float lon = hasG ? f.LongAccel / Gravity : -f.Brake;
        // LatAccel is + to the left (a left turn) which loads the right-hand tyres.
        float latAbs = MathF.Abs(lat);
        float rightLat = lat > 0 ? 0.7f : 0.3f, leftLat = 1f - rightLat;
        float braking = lon < 0 ? -lon : 0, traction = lon > 0 ? lon : 0;
        float frontLon = braking * 0.65f + traction * 0.2f;
        float rearLon = braking * 0.35f + traction * 0.8f;
        float cooling = CoolingStill + CoolingPerMs * v;
        for (int i = 0; i < 4; i++)
        {
            bool left = i == (int)TyreCorner.LeftFront || i == (int)TyreCorner.LeftRear;
            bool front = i <= (int)TyreCorner.RightFront;
            float work = v * (BaseWork + latAbs * (left ? leftLat : rightLat) + (front ? frontLon : rearLon));
            float t = _temp[i];
            t += (HeatGain * work - cooling * (t - ambient)) * dt;
            _temp[i] = t;
            _worn[i] = MathF.Min(100f, _worn[i] + _wearPerWork * work * dt);
        }
    }

    private void ApplyMeasurement(TelemetryFrame f, bool calibrate)
    {
        bool temps = (f.Available & TelemetryChannels.TyreTemps) != 0;
        // A source that declares the wear channel but leaves it all zero has not measured (a worn-out set reads ~0.1+).
        bool wear = (f.Available & TelemetryChannels.TyreWear) != 0 && f.TyreWear.AsSpan().IndexOfAnyExcept(0f) >= 0;
        float estimatedSince = 0, measuredSince = 0;
        for (int i = 0; i < 4; i++)
        {
            if (temps)
            {
                float avg = (f.TyreTemp[i * 3] + f.TyreTemp[i * 3 + 1] + f.TyreTemp[i * 3 + 2]) / 3f;
                if (avg > 0) _temp[i] = avg;
            }
            if (wear)
            {
                float remaining = MathF.Min(f.TyreWear[i * 3], MathF.Min(f.TyreWear[i * 3 + 1], f.TyreWear[i * 3 + 2]));
                float worn = Math.Clamp((1f - remaining) * 100f, 0f, 100f);
                estimatedSince += _worn[i] - _measuredWorn[i];
                measuredSince += worn - _measuredWorn[i];
                _worn[i] = worn;
                _measuredWorn[i] = worn;
            }
        }
        // Same tyres measured again (wear went up, not back to new): learn how hard this driver and car wear them.
        if (calibrate && wear && estimatedSince > 2f && measuredSince > 0.5f)
        {
            float ratio = Math.Clamp(measuredSince / estimatedSince, 0.25f, 4f);
            _wearPerWork = Math.Clamp(_wearPerWork * (0.5f + 0.5f * ratio), DefaultWearPerWork / 8, DefaultWearPerWork * 8);
        }
        _measured = temps || wear;
        SecondsSinceMeasurement = 0;
        MeasuredThisTick = true;
    }

    private static float RawSignature(TelemetryFrame f)
    {
        var have = f.Available & (TelemetryChannels.TyreTemps | TelemetryChannels.TyreWear);
        if (have == 0) return float.NaN;
        float sum = 0;
        if ((have & TelemetryChannels.TyreTemps) != 0) for (int i = 0; i < 12; i++) sum += f.TyreTemp[i] * (i + 1);
        if ((have & TelemetryChannels.TyreWear) != 0) for (int i = 0; i < 12; i++) sum += f.TyreWear[i] * (i + 13) * 100f;
        return sum;
    }

    private static float Ambient(TelemetryFrame f)
    {
        if ((f.Available & TelemetryChannels.Temperatures) == 0) return 25f;
        // The tread sits on the track and is cooled by the air; weight the track a little more.
        return 0.6f * f.TrackTemp + 0.4f * f.AirTemp;
    }

    private static TyreCorner ArgMax(in Corners c)
    {
        int best = 0;
        for (int i = 1; i < 4; i++) if (c[i] > c[best]) best = i;
        return (TyreCorner)best;
    }
}
