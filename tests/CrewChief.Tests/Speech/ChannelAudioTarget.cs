using System.Threading.Channels;
using CrewChief.Speech;

namespace CrewChief.Tests.Speech;

/// <summary>A speech request's target that queues its chunks for a test to read.</summary>
internal sealed class ChannelAudioTarget(ChannelWriter<AudioChunk> writer) : IAudioTarget
{
    public void Write(in AudioChunk chunk) => writer.TryWrite(chunk);
}
