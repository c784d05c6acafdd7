namespace CrewChief.Playback;

/// <summary>What happened to an utterance; one <see cref="PlaybackRecord"/> is written per step.</summary>
public enum PlaybackOutcome : byte
{
    /// <summary>Accepted by the stage (not final).</summary>
    Queued = 0,
    /// <summary>Its first sample is (about to be) heard (not final).</summary>
    Started = 1,
    /// <summary>Cut by something more urgent; it waits to resume (not final; Strategy kind only).</summary>
    Paused = 2,
    /// <summary>Played to its end (final).</summary>
    Played = 3,
    /// <summary>Cut by something more urgent and not resumable (final).</summary>
    Interrupted = 4,
    /// <summary>Not (fully) played: the stage stopped, it had no audio, or its audio stopped arriving (final).</summary>
    Dropped = 5,
    /// <summary>Its expiry passed before its turn came; never played late (final).</summary>
    Expired = 6,
    /// <summary>A newer spotter call replaced it (final).</summary>
    Superseded = 7,
    /// <summary>When its turn came its facts no longer held (<see cref="Utterance.StillTrue"/>); never said (final).</summary>
    Stale = 8,
}

public static class PlaybackOutcomeExtensions
{
    /// <summary>True for the outcomes after which the utterance is never touched again.</summary>
    public static bool IsFinal(this PlaybackOutcome outcome) => outcome >= PlaybackOutcome.Played;
}
