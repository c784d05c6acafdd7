using CrewChief.Telemetry;

namespace CrewChief.Strategy;

/// <summary>
/// Fuel use per lap and per minute, a windowed average over clean laps only (out-laps, in-laps, laps under yellow
/// and laps spoiled by a reset or tow are left out), and the plan built from it.
/// </summary>
public sealed class FuelModel
{
    private readonly double[] _lapFuel;
    private readonly double[] _lapSeconds;
    /// <summary>Next slot to overwrite in the two rings.</summary>
    private int _next;
    /// <summary>Slots filled, up to the window.</summary>
    private int _count;

    public FuelModel(int window)
    {
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, "the fuel window needs at least one lap");
        _lapFuel = new double[window];
        _lapSeconds = new double[window];
    }

    /// <summary>L/lap measured in an earlier session (the database), used until this session has a clean lap; NaN: none.</summary>
    public double Prior { get; internal set; } = double.NaN;
    /// <summary>The plan stands on <see cref="Prior"/>, not on a lap of this session.</summary>
    public bool UsingPrior => _count == 0 && Prior > 0;

    public int CleanLaps => _count;
    public bool HasMeasuredLaps => _count > 0;
    public FuelPlan Plan { get; private set; } = FuelPlan.Unknown;
    public double FuelLevel { get; private set; } = double.NaN;

    // Both figures change only when a lap enters the window, and are read several times a tick: worked out then.
    /// <summary>L/lap over the window; NaN before the first clean lap.</summary>
    public double PerLap { get; private set; } = double.NaN;

    /// <summary>L/min over the window, the figure timed races are planned on.</summary>
    public double PerMinute { get; private set; } = double.NaN;

    private void WindowChanged()
    {
        double fuel = 0, seconds = 0;
        for (int i = 0; i < _count; i++) { fuel += _lapFuel[i]; seconds += _lapSeconds[i]; }
        PerLap = _count == 0 ? double.NaN : fuel / _count;
        PerMinute = seconds > 0 ? fuel * 60 / seconds : double.NaN;
    }

    internal void Reset()
    {
        _next = 0;
        _count = 0;
        WindowChanged();
        Plan = FuelPlan.Unknown;
    }

    /// <summary>Feeds one completed lap; only clean laps with a plausible burn count.</summary>
    internal bool OnLap(in LapRecord lap)
    {
        if (!lap.IsClean || !(lap.FuelUsed > 0)) return false;
        _lapFuel[_next] = lap.FuelUsed;
        _lapSeconds[_next] = lap.Duration;
        _next = (_next + 1) % _lapFuel.Length;
        if (_count < _lapFuel.Length) _count++;
        WindowChanged();
        return true;
    }

    /// <param name="refLapTime">Expected lap time, s (unused: no estimate is made before a clean lap).</param>
    internal void Update(TelemetryFrame f, RaceProgress race, double tank, double reserve, int lapsCompleted, float pct,
        double refLapTime, double maxSaveFraction)
    {
        FuelLevel = f.FuelLevel;
        // Before the first clean lap there is no figure: FuelUsePerHour read in the pit lane or on an out-lap
        // extrapolates to hundreds of laps (a real Bristol file said 402 for about 165), so nothing is planned.
        _ = refLapTime;
        double perLap = PerLap;
        // Before a clean lap this session: last session's clean-lap figure, or nothing (never the pit lane's flow).
        if (double.IsNaN(perLap) && Prior > 0) perLap = Prior;
        Plan = FuelMath.Plan(f.FuelLevel, perLap, race.LapsRemaining, tank, reserve, lapsCompleted, pct, maxSaveFraction);
    }
}
