namespace CrewChief.Speech;

/// <summary>
/// The one conversion between the engine's sample format (mono float in [-1, 1], from synthesis to the playback
/// block) and 16-bit PCM, which exists only at the edges: espeak-ng's output, WAV files and the OpenAL buffers.
/// </summary>
public static class Pcm16
{
    public static void ToFloat(ReadOnlySpan<short> pcm, Span<float> destination)
    {
        for (int i = 0; i < pcm.Length; i++) destination[i] = pcm[i] * (1f / 32768f);
    }

    public static float[] ToFloat(ReadOnlySpan<short> pcm)
    {
        var samples = new float[pcm.Length];
        ToFloat(pcm, samples);
        return samples;
    }

    /// <summary>Clipped to the 16-bit range.</summary>
    public static void FromFloat(ReadOnlySpan<float> samples, Span<short> destination)
    {
        for (int i = 0; i < samples.Length; i++) destination[i] = (short)Math.Clamp(samples[i] * 32767f, -32768f, 32767f);
    }
}
