namespace CrewChief.Playback;

/// <summary>
/// Reuses the audio buffers of finished utterances. A callout's audio (a second is 86 KB at 22,050 Hz) is a
/// large-object-heap array, and the large-object heap is only swept by a full collection: allocating a fresh one
/// per callout left megabytes of dead buffers between collections (the soak's RSS peaks while speaking). A few
/// buffers kept here cover the callouts in flight at once in a real race; more are left to the GC.
/// </summary>
internal static class AudioBufferPool
{
    /// <summary>Buffers kept for reuse: the largest ones returned.</summary>
    private const int Keep = 4;
    /// <summary>Smaller buffers are not worth keeping: they live on the ordinary heap and die young.</summary>
    private const int MinimumPooled = 16 * 1024;
    /// <summary>Rented sizes are rounded up to this many samples so a returned buffer fits the next callout.</summary>
    private const int Granule = 16 * 1024;

    private static readonly float[]?[] s_free = new float[Keep][];
    private static readonly Lock s_gate = new();

    /// <summary>A buffer of at least <paramref name="minimum"/> samples (contents unspecified).</summary>
    public static float[] Rent(int minimum)
    {
        if (minimum >= MinimumPooled)
        {
            lock (s_gate)
            {
                int best = -1;
                for (int i = 0; i < s_free.Length; i++)
                {
                    var b = s_free[i];
                    if (b is not null && b.Length >= minimum && (best < 0 || b.Length < s_free[best]!.Length)) best = i;
                }
                if (best >= 0)
                {
                    var found = s_free[best]!;
                    s_free[best] = null;
                    return found;
                }
            }
            minimum = (int)Math.Min(Array.MaxLength, ((long)minimum + Granule - 1) / Granule * Granule);
        }
        return new float[Math.Max(minimum, 1)];
    }

    /// <summary>Hands a buffer back; the caller must not touch it again.</summary>
    public static void Return(float[] buffer)
    {
        if (buffer.Length < MinimumPooled) return;
        lock (s_gate)
        {
            int slot = -1;
            for (int i = 0; i < s_free.Length; i++)
            {
                if (s_free[i] is null) { slot = i; break; }
                if (s_free[i]!.Length < buffer.Length && (slot < 0 || s_free[i]!.Length < s_free[slot]!.Length)) slot = i;
            }
            if (slot >= 0) s_free[slot] = buffer;
        }
    }
}
