using CrewChief.Telemetry;

namespace CrewChief.Races;

public sealed class NdjsonRecording : IReplayedSession
{
    public NdjsonRecording(string path) => throw InputException.ForFile(path, "live NDJSON is not read yet.");
    public TelemetryFrame Frame { get; } = new();
    public bool Step() => false;
    public double StepSeconds => 1;
    public int SessionInfoVersion => 0;
    public string BuildSessionInfoYaml() => "";
    public double RaceStartSessionTime => 0;
    public string Description => "";
    public string TrackDisplayName => "";
    public int SampleCount => 0;
    public string? CarNumberAt(int carIdx) => null;
}
