using CrewChief.Telemetry;

namespace CrewChief.Races;

/// <summary>
/// The player's own channels that race timing does not have — fuel, tyres, pedals, gear, speed, temperatures —
/// made up from the car's real stints so the engine's fuel and tyre logic has something plausible to run on.
/// None of it is a fact about the race: <see cref="SynthesisedFacts"/> names what a replay must treat as made up.
/// <list type="bullet">
/// <item>Fuel: a notional <see cref="TankLitres"/> tank, full at the start and after every stop, burnt in
/// proportion to distance so that the car's longest stint ends with a small reserve.</item>
/// <item>Speed: the car's real average pace between its timing points (distance per second), pit speed in
/// the lane, 0 in the box.</item>
/// <item>Tyres: constant temperatures; wear as iRacing shows it (measured only in the pits): full tread.</item>
/// </list>
/// </summary>
internal sealed class SynthesisedPlayer
{
    public const float TankLitres = 100f;
    private const float ReserveLitres = 4f;
    private const float RefuelLitresPerSecond = 3f;
    private const float PitSpeed = 60f / 3.6f;

    private readonly float _perLap;
    private readonly double _lengthM;
    private float _fuel = TankLitres;
    private double _lastProgress = double.NaN;
    private double _lastTime = double.NaN;
    private float _speed;

    public SynthesisedPlayer(RaceEntry entry, double trackLengthM)
    {
        _lengthM = trackLengthM;
        int longest = 1, stint = 0;
        foreach (var lap in entry.Laps)
        {
            stint++;
            if (lap.EndsInPit) { longest = Math.Max(longest, stint); stint = 0; }
        }
        longest = Math.Max(longest, stint);
        _perLap = (TankLitres - ReserveLitres) / (longest + 0.5f);
    }

    public float FuelPerLap => _perLap;

    /// <summary>Moves the made-up channels to this frame and writes them into <paramref name="f"/>.</summary>
    public void Fill(TelemetryFrame f, double raceTime, double progress, bool inWorld, bool onPitRoad, bool inStall, bool racing)
    {
        double dt = double.IsNaN(_lastTime) ? 0 : raceTime - _lastTime;
        double dp = double.IsNaN(_lastProgress) ? 0 : progress - _lastProgress;
        _lastTime = raceTime;
        _lastProgress = progress;
        if (dp > 0) _fuel = MathF.Max(0.2f, _fuel - (float)(dp * _perLap));
        if (inStall && dt > 0) _fuel = MathF.Min(TankLitres, _fuel + (float)(RefuelLitresPerSecond * dt));

        if (!inWorld) _speed = 0;
        else if (inStall) _speed = 0;
        else if (onPitRoad) _speed = PitSpeed;
        else if (dt > 0 && racing) _speed = (float)(dp * _lengthM / dt);
        else if (!racing) _speed = 0;

        f.Speed = _speed;
        f.FuelLevel = _fuel;
        f.FuelLevelPct = _fuel / TankLitres;
        f.FuelUsePerHour = _speed > 1 ? _perLap * 0.75f * 3600f / (float)(_lengthM / Math.Max(_speed, 1)) : 0;
        bool moving = _speed > 1;
        f.Throttle = moving ? (onPitRoad ? 0.2f : 0.8f) : 0;
        f.Brake = 0;
        f.Gear = !moving ? 0 : onPitRoad ? 2 : 5;
        f.Rpm = !inWorld ? 0 : moving ? (onPitRoad ? 4000f : 7000f) : 1200f;
        f.SteeringWheelAngle = 0;
        f.LatAccel = 0;
        f.LongAccel = 0;
        f.VertAccel = inWorld ? 9.80665f : 0;
        f.EngineWarnings = onPitRoad ? EngineWarnings.PitSpeedLimiter : EngineWarnings.None;
        f.CarLeftRight = CarLeftRight.Off;   // the timing cannot say who is alongside: no spotter
        f.AirTemp = 20f;
        f.TrackTemp = 30f;
        for (int i = 0; i < 12; i++) { f.TyreTemp[i] = 80f; f.TyreWear[i] = 1f; }
    }
}
