using CrewChief.Events;

namespace CrewChief.Speech;

/// <summary>
/// One piece of synthesised speech: a sentence's mono float samples in [-1, 1] (peak-normalised as Piper does), handed to playback
/// as soon as it exists while the next sentence is synthesised.
/// </summary>
/// <param name="Samples">The samples; owned by the receiver from now on.</param>
/// <param name="SampleRate">Hz, the voice's audio.sample_rate.</param>
/// <param name="Sentence">0-based sentence index within the utterance.</param>
/// <param name="IsLast">True for the utterance's final chunk.</param>
/// <param name="Utterance">Which request it belongs to (<see cref="SpeechRequest.Id"/>; 0 outside the stage), so playback can drop the rest of a preempted utterance.</param>
/// <param name="Priority">The request's priority, for playback preemption.</param>
public readonly record struct AudioChunk(float[] Samples, int SampleRate, int Sentence, bool IsLast, long Utterance = 0, Priority Priority = Priority.Medium)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
