namespace CrewChief.Playback;

/// <summary>
/// The fixed-size segments an utterance keeps its audio in (<see cref="Utterance"/>), reused from one callout to the
/// next. A segment is 64 KB, under the large-object-heap threshold (85,000 bytes): a callout's audio as one array (a
/// second is 86 KB at 22,050 Hz) was a large-object-heap array, and the large-object heap is only swept by a full
/// collection, so at 24× with several callouts in flight the dead buffers piled up between collections (the soak's
/// RSS sawtooth); a buffer sized from the text was also twice the audio it held. Segments are taken as audio arrives
/// and handed back when playback is done with the utterance, so the pool holds the most audio ever in flight at
/// once, up to <see cref="Keep"/> segments; beyond that they are left to the GC.
/// </summary>
internal static class AudioBufferPool
{
    /// <summary>Samples in a segment: 16,384 floats, 64 KB (0.74 s at 22,050 Hz).</summary>
    public const int SegmentSamples = 16 * 1024;
    /// <summary>log2 of <see cref="SegmentSamples"/>: position → segment index.</summary>
    public const int SegmentShift = 14;
    /// <summary>
    /// Segments kept for reuse: 2 MB, 24 s of audio in flight. Routine speech waits as text while playback holds 3
    /// callouts, so steady state needs fewer; a larger pool only filled up in the first minute of a 24× race (+2.1 MB
    /// over the first lap at 128) and stayed there. Segments beyond it are small-object garbage, cheap to collect.
    /// </summary>
    internal const int Keep = 32;

    private static readonly float[][] s_free = new float[Keep][];
    private static int s_count;
    private static readonly Lock s_gate = new();

    /// <summary>Segments kept for reuse now (tests, the soak's census).</summary>
    public static int Pooled
    {
        get { lock (s_gate) return s_count; }
    }

    /// <summary>A segment of <see cref="SegmentSamples"/> samples (contents unspecified).</summary>
    public static float[] Rent()
    {
        lock (s_gate)
        {
            if (s_count > 0)
            {
                float[] segment = s_free[--s_count];
                s_free[s_count] = null!;
                return segment;
            }
        }
        return new float[SegmentSamples];
    }

    /// <summary>Hands a segment back; the caller must not touch it again.</summary>
    public static void Return(float[] segment)
    {
        if (segment.Length != SegmentSamples) return;
        lock (s_gate)
        {
            if (s_count < Keep) s_free[s_count++] = segment;
        }
    }
}
