using CrewChief.Events;

namespace CrewChief.Playback;

/// <summary>
/// One step in an utterance's life, written by the playback thread to <see cref="PlaybackStage.Records"/>. All
/// timestamps are <see cref="System.Diagnostics.Stopwatch"/> ticks on the stage's clock (see
/// <see cref="PlaybackStage.Now"/>); 0 means "not yet".
/// </summary>
/// <param name="FirstSampleAt">When its first sample reaches the listener: the device (estimated from the audio
/// queued ahead of it), the loopback render or the WAV position.</param>
/// <param name="EndedAt">When its last sample was heard, or when it was cut, dropped, expired or superseded.</param>
/// <param name="Position">Samples of its audio (at the stage rate, radio click excluded) played so far; where a paused one resumes.</param>
public readonly record struct PlaybackRecord(
    long Id,
    PlaybackOutcome Outcome,
    Priority Priority,
    UtteranceKind Kind,
    string Text,
    long RaisedAt,
    long QueuedAt,
    long FirstSampleAt,
    long EndedAt,
    long Position);
