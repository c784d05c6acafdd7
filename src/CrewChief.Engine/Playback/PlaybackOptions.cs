namespace CrewChief.Playback;

/// <summary>Where the stage sends audio and how it paces itself.</summary>
public enum PlaybackOutput : byte
{
    /// <summary>A sound card through OpenAL (<see cref="PlaybackOptions.DeviceName"/>); WAV fallback when none opens.</summary>
    Device = 0,
    /// <summary>An OpenAL loopback device rendering into memory (tests, latency harness).</summary>
    Loopback = 1,
    /// <summary>A WAV file of what would have been heard (<see cref="PlaybackOptions.WavPath"/>).</summary>
    Wav = 2,
}

/// <summary>Settings of the playback stage. Validated by <see cref="Validate"/> when the stage starts.</summary>
public sealed class PlaybackOptions
{
    public PlaybackOutput Output { get; set; } = PlaybackOutput.Device;

    /// <summary>OpenAL device name as listed by 'crewchief devices'; null for the system default.</summary>
    public string? DeviceName { get; set; }

    /// <summary>The WAV file for <see cref="PlaybackOutput.Wav"/>, and for the fallback when no device opens.</summary>
    public string WavPath { get; set; } = "crewchief-out.wav";

    /// <summary>True: fall back to <see cref="WavPath"/> (one line on stderr) when no device opens; false: fail.</summary>
    public bool FallbackToWav { get; set; } = true;

    /// <summary>
    /// Virtual clock: nothing plays until <see cref="PlaybackStage.Advance"/> is called, which renders that much audio
    /// as fast as it can and moves the stage's clock by exactly that. Loopback and WAV only.
    /// </summary>
    public bool VirtualClock { get; set; }

    /// <summary>Rate of the stage's blocks. Piper voices speak at 22050 Hz; other rates are resampled.</summary>
    public int SampleRate { get; set; } = 22050;

    /// <summary>Length of one block. A preemption takes effect at the next block the device mixes.</summary>
    public int BlockMilliseconds { get; set; } = 10;

    /// <summary>
    /// Blocks kept queued ahead. More survives a late wake-up of the playback thread without a gap; fewer shortens
    /// the delay before audio that is not a preemption (a preemption flushes the queue) is heard.
    /// </summary>
    public int QueueBlocks { get; set; } = 4;

    /// <summary>Linear gain applied to the PCM (so the WAV holds exactly what the device gets), 0 to 1.</summary>
    public float Volume { get; set; } = 1f;

    /// <summary>A short radio beep before each callout starts (not before a resumed one).</summary>
    public bool RadioBeep { get; set; } = true;

    public int BeepMilliseconds { get; set; } = 60;
    public int BeepFrequencyHz { get; set; } = 1400;
    /// <summary>Silence between the beep and the voice.</summary>
    public int BeepGapMilliseconds { get; set; } = 40;

    /// <summary>
    /// How long a started utterance may wait for its next audio before the stage gives up on it (a stalled or dead
    /// producer must not hold every later callout back).
    /// </summary>
    public int StallTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>Loopback only: keep everything rendered in memory for <see cref="OpenAlLoopbackSink.CopyCaptured"/> (tests). Off for long runs.</summary>
    public bool CaptureLoopback { get; set; } = true;

    /// <summary>Capacity of <see cref="PlaybackStage.Records"/>; the oldest records are dropped when nobody reads.</summary>
    public int RecordCapacity { get; set; } = 1024;

    internal int BlockSamples => SampleRate * BlockMilliseconds / 1000;

    /// <summary>Throws <see cref="InputException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (SampleRate is < 8000 or > 192000) throw new InputException($"playback sample rate {SampleRate} Hz is out of range; use 8000 to 192000.");
        if (BlockMilliseconds is < 2 or > 100) throw new InputException($"playback block of {BlockMilliseconds} ms is out of range; use 2 to 100.");
        if (QueueBlocks is < 2 or > 64) throw new InputException($"playback queue of {QueueBlocks} blocks is out of range; use 2 to 64.");
        if (!(Volume >= 0f && Volume <= 1f)) throw new InputException($"volume {Volume} is out of range; use 0 to 1.");
        if (BeepMilliseconds is < 0 or > 500 || BeepGapMilliseconds is < 0 or > 500) throw new InputException("radio beep length is out of range; use 0 to 500 ms.");
        if (BeepFrequencyHz <= 0 || BeepFrequencyHz >= SampleRate / 2) throw new InputException($"radio beep of {BeepFrequencyHz} Hz is out of range; use 1 to {SampleRate / 2 - 1}.");
        if (StallTimeoutMilliseconds is < 100 or > 600_000) throw new InputException($"playback stall timeout {StallTimeoutMilliseconds} ms is out of range; use 100 to 600000.");
        if (RecordCapacity < 16) throw new InputException("playback record capacity must be at least 16.");
        if (VirtualClock && Output == PlaybackOutput.Device) throw new InputException("a virtual clock needs the loopback or WAV output (a sound card keeps its own time).");
        if (Output == PlaybackOutput.Wav && string.IsNullOrWhiteSpace(WavPath)) throw new InputException("WAV output needs a file name (--out FILE.wav).");
    }
}
