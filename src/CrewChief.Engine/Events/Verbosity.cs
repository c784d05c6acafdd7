namespace CrewChief.Events;

/// <summary>How much the engineer says: Low keeps high-priority and critical calls, Medium adds medium ones, Full says everything.</summary>
public enum Verbosity : byte
{
    Low = 0,
    Medium = 1,
    Full = 2,
}
