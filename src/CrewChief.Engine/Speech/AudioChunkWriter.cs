using System.Threading.Channels;

namespace CrewChief.Speech;

/// <summary>
/// A channel as a speech target (the CLI, tests): each chunk goes into the channel as an array of its own, since its
/// reader keeps chunks past the call; a bounded channel that is full blocks the synthesis thread.
/// </summary>
internal sealed class AudioChunkWriter(ChannelWriter<AudioChunk> output, CancellationToken cancel) : IAudioTarget
{
    public void Write(in AudioChunk chunk) => AudioOutput.Write(output, chunk, cancel);
}
