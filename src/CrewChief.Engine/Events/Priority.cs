namespace CrewChief.Events;

/// <summary>
/// How urgent a message is, lowest first. The order is the playback order: a spotter call beats a critical
/// call (a car alongside matters this second), which beats everything routine.
/// </summary>
public enum Priority : byte
{
    Low = 0,
    Medium = 1,
    High = 2,
    Critical = 3,
    Spotter = 4,
}
