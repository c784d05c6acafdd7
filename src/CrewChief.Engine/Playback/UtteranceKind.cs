namespace CrewChief.Playback;

/// <summary>What an utterance is, which decides how it is treated when something more urgent cuts in.</summary>
public enum UtteranceKind : byte
{
    /// <summary>Routine information: dropped when interrupted (stale by the time it could resume).</summary>
    Routine = 0,
    /// <summary>A long strategy message: when interrupted it waits and resumes where it was cut.</summary>
    Strategy = 1,
    /// <summary>Critical (damage, penalty, flags): dropped when interrupted, like routine.</summary>
    Critical = 2,
    /// <summary>A spotter call: a newer one supersedes an older one, queued or playing.</summary>
    Spotter = 3,
}
