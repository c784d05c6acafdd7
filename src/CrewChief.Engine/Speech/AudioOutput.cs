using System.Threading.Channels;

namespace CrewChief.Speech;

/// <summary>Hands synthesised chunks to playback from a synthesis thread.</summary>
internal static class AudioOutput
{
    /// <summary>
    /// Writes <paramref name="chunk"/>, blocking the synthesis thread while a bounded output is full: synthesis may not
    /// run ahead of playback without limit, and the synthesis thread has nothing else to do meanwhile.
    /// </summary>
    /// <exception cref="ChannelClosedException">Playback closed the channel.</exception>
    public static void Write(ChannelWriter<AudioChunk> output, AudioChunk chunk, CancellationToken cancel)
    {
        while (!output.TryWrite(chunk))
        {
            if (!output.WaitToWriteAsync(cancel).AsTask().GetAwaiter().GetResult())
                throw new ChannelClosedException("the audio output was closed while speaking");
        }
    }
}
