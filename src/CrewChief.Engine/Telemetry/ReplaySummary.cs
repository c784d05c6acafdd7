namespace CrewChief.Telemetry;

/// <summary>
/// Facts about one pass through a recording, gathered frame by frame without allocating: laps, fuel, pit road
/// transitions, speed. Definitions (relied on by 'crewchief replay --summary --json'):
/// a lap is completed when Lap rises by exactly one between consecutive in-world frames; fuel used sums only
/// decreases between consecutive frames (a refuel or a reset to a full tank is not negative use); fuel per lap is
/// the fuel used between consecutive crossings (the partial lap before the first crossing is excluded); a lap time
/// is the SessionTime between consecutive crossings; starting on pit road is not an entry.
/// </summary>
public sealed class ReplaySummary : ITelemetryObserver
{
    private const int MaxLapsKept = 4096;

    private readonly List<float> _fuelPerLap = new(256);
    private readonly List<double> _lapTimes = new(256);
    private bool _any;
    private int _prevLap;
    private float _prevFuel;
    private bool _prevOnPitRoad;
    private bool _crossed;
    /// <summary>The previous frames were a placeholder run: the next in-world frame starts afresh.</summary>
    private bool _resumed;
    private double _lastCrossingTime;
    private double _fuelSinceCrossing;

    public int Frames { get; private set; }
    public double FirstSessionTime { get; private set; }
    public double LastSessionTime { get; private set; }
    public int LapsCompleted { get; private set; }
    public float FuelFirst { get; private set; }
    public float FuelLast { get; private set; }
    public double FuelUsed { get; private set; }
    public float MaxSpeed { get; private set; }
    public int PitRoadEntries { get; private set; }
    public int PitRoadExits { get; private set; }
    public int LastSessionNum { get; private set; }
    public IReadOnlyList<float> FuelPerLap => _fuelPerLap;
    public IReadOnlyList<double> LapTimes => _lapTimes;
    public double DurationSeconds => _any ? LastSessionTime - FirstSessionTime : 0;

    /// <summary>Fastest timed lap in seconds, or null when no lap was timed between two crossings.</summary>
    public double? BestLapSeconds
    {
        get
        {
            double best = double.MaxValue;
            foreach (double t in _lapTimes) if (t > 0 && t < best) best = t;
            return best == double.MaxValue ? null : best;
        }
    }

    public void OnFrame(TelemetryFrame frame, SessionInfo? sessionInfo)
    {
        // A reset or tow (car out of the world): the jump after it is no pit entry, no lap and no lap time.
        if (!frame.InWorld) { _resumed = _any; return; }
        Frames++;
        LastSessionTime = frame.SessionTime;
        LastSessionNum = frame.SessionNum;
        FuelLast = frame.FuelLevel;
        if (frame.Speed > MaxSpeed) MaxSpeed = frame.Speed;
        if (!_any)
        {
            _any = true;
            FirstSessionTime = frame.SessionTime;
            FuelFirst = frame.FuelLevel;
            Remember(frame);
            return;
        }

        if (_resumed)
        {
            _resumed = false;
            _crossed = false;
            Remember(frame);
            return;
        }

        float drop = _prevFuel - frame.FuelLevel;
        if (drop > 0)
        {
            FuelUsed += drop;
            _fuelSinceCrossing += drop;
        }
        if (frame.OnPitRoad != _prevOnPitRoad)
        {
            if (frame.OnPitRoad) PitRoadEntries++;
            else PitRoadExits++;
        }
        if (frame.Lap == _prevLap + 1)
        {
            LapsCompleted++;
            if (_crossed && _fuelPerLap.Count < MaxLapsKept)
            {
                _fuelPerLap.Add((float)_fuelSinceCrossing);
                _lapTimes.Add(frame.SessionTime - _lastCrossingTime);
            }
            _crossed = true;
            _lastCrossingTime = frame.SessionTime;
            _fuelSinceCrossing = 0;
        }
        Remember(frame);
    }

    private void Remember(TelemetryFrame frame)
    {
        _prevLap = frame.Lap;
        _prevFuel = frame.FuelLevel;
        _prevOnPitRoad = frame.OnPitRoad;
    }
}
