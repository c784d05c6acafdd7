using System.Threading.Channels;
using CrewChief.Events;

namespace CrewChief.Speech;

/// <summary>
/// A voice the speech stage can speak with: a Piper voice (<see cref="PiperSynthesizer"/>) or espeak-ng's built-in
/// fallback (<see cref="EspeakSynthesizer"/>). <see cref="SpeechVoices.TryCreate(SpeechOptions, out ISpeechSynthesizer?, out string)"/> picks one.
/// </summary>
public interface ISpeechSynthesizer : IDisposable
{
    /// <summary>Short engine name for logs: "piper" or "espeak-ng".</summary>
    string Name { get; }

    /// <summary>One line for the start-up status: which voice, where from, at what rate.</summary>
    string Description { get; }

    /// <summary>Hz of every chunk this voice produces.</summary>
    int SampleRate { get; }

    /// <summary>Pre-synthesised spotter and critical phrases (warmed in the background after load).</summary>
    PhraseCache Cache { get; }

    /// <summary>
    /// Speaks <paramref name="text"/> into <paramref name="target"/>, one peak-normalised sentence at a time, in order,
    /// blocking the calling thread while synthesising. Each sentence is synthesised into the synthesiser's reused
    /// buffer and lent to <see cref="IAudioTarget.WriteLent"/> (no array per sentence); a cached phrase is one
    /// <see cref="IAudioTarget.Write"/> of the shared clip with no synthesis. One thread at a time (the speech stage's).
    /// Returns the number of chunks written.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> fired (checked between sentences at least).</exception>
    int Speak(string text, IAudioTarget target, long utterance = 0, Priority priority = Priority.Medium, CancellationToken cancel = default);

    /// <summary>
    /// As above into a channel (the CLI, tests): every chunk is an array of its own, and a bounded output that is full
    /// makes the synthesis wait.
    /// </summary>
    int Speak(string text, ChannelWriter<AudioChunk> output, long utterance = 0, Priority priority = Priority.Medium, CancellationToken cancel = default);

    /// <summary>The whole utterance as one buffer of float samples (CLI, phrase cache).</summary>
    float[] SynthesizeAll(string text);
}
