using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Strategy;

/// <summary>
/// Runs the brain's lap and fuel bookkeeping over any frame sequence (a real .ibt through the project's reader, a
/// live dump, the demo) and reports every lap with its flags and the clean-lap fuel average. The frame may be
/// reused between items, as readers do.
/// </summary>
internal static class FuelLapProbe
{
    public sealed record Result(IReadOnlyList<LapRecord> Laps, double FuelPerLap, int CleanLaps, int Resets);

    public static Result Run(IEnumerable<TelemetryFrame> frames, int window = 5)
    {
        var recorder = new LapRecorder();
        var fuel = new FuelModel(window);
        var laps = new List<LapRecord>();
        int resets = 0;
        foreach (var f in frames)
        {
            recorder.Update(f);
            if (recorder.ResetThisTick) resets++;
            if (!recorder.CompletedThisTick) continue;
            laps.Add(recorder.LastLap);
            fuel.OnLap(recorder.LastLap);
        }
        return new Result(laps, fuel.PerLap, fuel.CleanLaps, resets);
    }
}
