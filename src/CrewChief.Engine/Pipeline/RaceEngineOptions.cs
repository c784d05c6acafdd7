using CrewChief.Playback;

namespace CrewChief.Pipeline;

/// <summary>How a command wants the engine: which side stages run, and where lines go.</summary>
public sealed class RaceEngineOptions
{
    /// <summary>Speak (speech + playback); false is text-only whatever the config says.</summary>
    public bool Speak { get; init; } = true;
    /// <summary>Draw the live console view (run); demo and replay print a transcript instead.</summary>
    public bool ConsoleView { get; init; }
    /// <summary>Each callout as a line (null: none).</summary>
    public TextWriter? Transcript { get; init; }
    /// <summary>The WAV written when there is no audio device (config's playback.out wins).</summary>
    public string FallbackWavPath { get; init; } = "crewchief-out.wav";
    /// <summary>Write a session log to config.LogDir.</summary>
    public bool SessionLog { get; init; } = true;
    /// <summary>Playback on a virtual clock into memory (the latency harness and tests): no device, no WAV.</summary>
    public PlaybackOutput? ForceOutput { get; init; }
    /// <summary>Race seconds per wall second (a demo or replay at --speed N); callouts expire in race time.</summary>
    public double SimSpeed { get; init; } = 1;
}
