using System.Diagnostics.CodeAnalysis;
using CrewChief.Speech;

namespace CrewChief.Pipeline;

/// <summary>What the director needs of the speech stage: cached phrases, and requests in (each carries its target).</summary>
public interface ISpeechOutput
{
    int SampleRate { get; }
    bool TryGetCached(string spoken, [MaybeNullWhen(false)] out float[] samples);
    bool TryEnqueue(SpeechRequest request);
}
