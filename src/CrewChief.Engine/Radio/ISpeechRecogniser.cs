namespace CrewChief.Radio;

/// <summary>
/// Turns one utterance of the driver's voice into one of the grammar's sentences ("" when none fits). Behind it:
/// PocketSphinx (tested here) with a JSGF grammar, or Windows' built-in SAPI recogniser with the same sentences as
/// SRGS (compiled, never run on a real Windows here); <see cref="SpeechRecognisers"/> picks one. Single-threaded:
/// owned by the radio thread.
/// </summary>
public interface ISpeechRecogniser : IDisposable
{
    /// <summary>What is recognising, for status lines ("PocketSphinx 5prealpha, en-us").</summary>
    string Description { get; }

    /// <summary>The recognised sentence for mono 16-bit <paramref name="pcm"/> at <paramref name="sampleRate"/> Hz.</summary>
    string Recognise(ReadOnlySpan<short> pcm, int sampleRate);
}
