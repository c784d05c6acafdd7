using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using CrewChief.Speech;

namespace CrewChief.Pipeline;

/// <summary>What the director needs of the speech stage: cached phrases, requests in, audio chunks out.</summary>
public interface ISpeechOutput
{
    int SampleRate { get; }
    bool TryGetCached(string spoken, [MaybeNullWhen(false)] out short[] pcm);
    bool TryEnqueue(SpeechRequest request);
    ChannelReader<AudioChunk> Audio { get; }
}
