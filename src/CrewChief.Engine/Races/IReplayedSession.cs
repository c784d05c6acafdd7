using CrewChief.Telemetry;

namespace CrewChief.Races;

/// <summary>
/// A recorded session played back as if a sim were running it: each <see cref="Step"/> moves it on and fills
/// <see cref="Frame"/> the way iRacing fills its live map. <see cref="RaceReplayHost"/> publishes the frames;
/// the engine reads them back through the real live reader.
/// </summary>
public interface IReplayedSession
{
    /// <summary>The frame of the current step (the host copies it into the map).</summary>
    TelemetryFrame Frame { get; }
    /// <summary>Advances one step and fills <see cref="Frame"/>; false when there is nothing more to play.</summary>
    bool Step();
    /// <summary>Session seconds one step moves (what pacing at a given speed divides).</summary>
    double StepSeconds { get; }
    /// <summary>Bumped whenever <see cref="BuildSessionInfoYaml"/> would return something new.</summary>
    int SessionInfoVersion { get; }
    string BuildSessionInfoYaml();
    /// <summary>SessionTime at which the race started (green): event times are reported relative to it.</summary>
    double RaceStartSessionTime { get; }
    /// <summary>One line for status output.</summary>
    string Description { get; }
    /// <summary>The recording says whether the pits are open (iRacing's PitsOpen); race timing does not, and then the
    /// variable is not published at all, so the engine never speaks a pit status nobody measured.</summary>
    bool KnowsPitsOpen => false;
}
