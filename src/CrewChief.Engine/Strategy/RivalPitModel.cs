using CrewChief.Telemetry;

namespace CrewChief.Strategy;

/// <summary>
/// For each car, how likely it is to pit within the next two laps: its stint length against the stint the field is
/// seen to run (the median of the stints the other cars have ended with a stop — fuel, energy and tyre rules all
/// show in it), or until one is seen the player's own laps per tank, nudged up when its recent laps have fallen off
/// its best (tyres going).
/// </summary>
public sealed class RivalPitModel
{
    private const int Horizon = 2;
    private const double Spread = 1.0;

    /// <summary>Laps completed when the car last left pit road (or when first seen).</summary>
    private readonly int[] _stintStartLap = new int[TelemetryFrame.MaxCars];
    private readonly bool[] _onPit = new bool[TelemetryFrame.MaxCars];
    private readonly bool[] _seen = new bool[TelemetryFrame.MaxCars];
    private readonly float[] _probability = new float[TelemetryFrame.MaxCars];
    /// <summary>Laps completed when the probability was last computed: it only changes at a car's line or pit.</summary>
    private readonly int[] _computedAt = new int[TelemetryFrame.MaxCars];
    private double _tankLaps = double.NaN;
    /// <summary>The stints seen ended by a stop (ring buffer) and their median: the field's real window.</summary>
    private const int StintSamples = 16, ShortestStint = 5;
    private readonly int[] _stints = new int[StintSamples];
    private readonly int[] _sorted = new int[StintSamples];
    private int _stintCount, _stintNext;
    private double _observedWindow = double.NaN;

    /// <summary>The stint length the field is seen to run (median of observed stints), NaN until one is seen.</summary>
    public double ObservedStint => _observedWindow;

    public ReadOnlySpan<float> Probabilities => _probability;

    public int StintLaps(int carIdx, TelemetryFrame f) => _seen[carIdx] ? f.CarIdxLapCompleted[carIdx] - _stintStartLap[carIdx] : 0;

    internal void Reset()
    {
        Array.Clear(_seen);
        Array.Clear(_onPit);
        Array.Clear(_probability);
        _tankLaps = double.NaN;
        _stintCount = _stintNext = 0;
        _observedWindow = double.NaN;
    }

    /// <param name="tankLaps">Laps a full tank lasts, NaN when not yet known.</param>
    /// <param name="carSlots">Slots to look at (<see cref="RaceStrategy.CarSlots"/>); the rest never held a car.</param>
    internal void Update(TelemetryFrame f, double tankLaps, int carSlots = TelemetryFrame.MaxCars)
    {
        if ((f.Available & TelemetryChannels.CarIdx) == 0) return;
        if (!double.IsNaN(_observedWindow)) tankLaps = _observedWindow;
        // The window moves a little every lap as the player's fuel average moves; recompute only on a real change.
        bool windowMoved = !(Math.Abs(tankLaps - _tankLaps) < 0.05) && !(double.IsNaN(tankLaps) && double.IsNaN(_tankLaps));
        if (windowMoved) _tankLaps = tankLaps;
        for (int i = 0; i < Math.Min(carSlots, TelemetryFrame.MaxCars); i++)
        {
            if (f.CarIdxTrackSurface[i] == TrackSurface.NotInWorld) { _probability[i] = 0; _seen[i] = false; continue; }
            bool pit = f.CarIdxOnPitRoad[i];
            int completed = f.CarIdxLapCompleted[i];
            bool changed = windowMoved || pit != _onPit[i] || completed != _computedAt[i] || !_seen[i];
            if (!_seen[i]) { _seen[i] = true; _stintStartLap[i] = completed < 0 ? 0 : completed; }
            if (_onPit[i] && !pit) _stintStartLap[i] = completed;
            if (!_onPit[i] && pit && _seen[i] && completed - _stintStartLap[i] >= ShortestStint) AddStint(completed - _stintStartLap[i]);
            _onPit[i] = pit;
            if (!changed) continue;
            _computedAt[i] = completed;
            _probability[i] = pit ? 0 : (float)Probability(completed - _stintStartLap[i], _tankLaps, f.CarIdxLastLapTime[i], f.CarIdxBestLapTime[i]);
        }
    }

    private void AddStint(int laps)
    {
        _stints[_stintNext] = laps;
        _stintNext = (_stintNext + 1) % StintSamples;
        if (_stintCount < StintSamples) _stintCount++;
        for (int i = 0; i < _stintCount; i++)
        {
            int v = _stints[i], j = i;
            while (j > 0 && _sorted[j - 1] > v) { _sorted[j] = _sorted[j - 1]; j--; }
            _sorted[j] = v;
        }
        _observedWindow = _sorted[_stintCount / 2];
    }

    /// <summary>Logistic in laps past the window: 0.5 when the window ends exactly two laps out.</summary>
    public static double Probability(int stintLaps, double tankLaps, float lastLap, float bestLap)
    {
        if (!(tankLaps > 0) || stintLaps < 0) return 0;
        double over = (stintLaps + Horizon) - tankLaps;
        double p = 1.0 / (1.0 + Math.Exp(-over / Spread));
        if (lastLap > 0 && bestLap > 0 && lastLap > bestLap + 1.5f) p = Math.Min(1, p + 0.15);
        return p;
    }
}
