namespace CrewChief.Pipeline;

/// <summary>What <see cref="StillTrue.Check"/> found.</summary>
public enum StillTrueVerdict
{
    /// <summary>The facts still hold (or cannot be checked): speak it as raised.</summary>
    Holds,
    /// <summary>The claim still holds with newer numbers: the event's facts were updated, compose it from them.</summary>
    Recomposed,
    /// <summary>The claim is no longer true: drop it.</summary>
    Stale,
}
