using CrewChief.Events;
using CrewChief.Playback;

namespace CrewChief.Tests.Playback;

/// <summary>
/// An utterance keeps its audio in pooled 64 KB segments (under the large-object-heap threshold): what is appended
/// in any pieces reads back the same across segment boundaries, at its own rate and resampled, and the segments go
/// back to the pool when playback is done with it.
/// </summary>
[Collection(nameof(PlaybackCollection))]
public sealed class UtteranceSegmentTests
{
    private static float[] Ramp(int n)
    {
        var samples = new float[n];
        for (int i = 0; i < n; i++) samples[i] = ((i * 7919) % 20001 - 10000) / 10000f;
        return samples;
    }

    private static Utterance Filled(float[] source)
    {
        var u = new Utterance(Priority.Medium, UtteranceKind.Routine, "segments", 22050);
        // Pieces of odd sizes, so appends straddle the segment boundaries.
        for (int at = 0, piece = 1000; at < source.Length; at += piece, piece += 3001)
            u.Append(source.AsSpan(at, Math.Min(piece, source.Length - at)));
        u.Complete();
        return u;
    }

    [Fact]
    public void AudioAcrossSegments_ReadsBackAsAppended()
    {
        float[] source = Ramp(AudioBufferPool.SegmentSamples * 3 + 123);
        Utterance u = Filled(source);
        var read = new float[source.Length];
        int at = 0;
        bool ended = false;
        while (!ended)
        {
            // Blocks of a size that does not divide the segment either.
            int n = u.Read(at, 22050, read.AsSpan(at, Math.Min(5000, read.Length - at)), out ended);
            at += n;
            if (n == 0) break;
        }
        Assert.True(ended);
        Assert.Equal(source.Length, at);
        Assert.Equal(source, read);
    }

    [Fact]
    public void ResampledAcrossSegments_InterpolatesTheSameSamples()
    {
        float[] source = Ramp(AudioBufferPool.SegmentSamples * 2 + 77);
        Utterance u = Filled(source);
        const int outRate = 48000;
        var read = new float[(int)((long)(source.Length - 1) * outRate / 22050) + 1];
        int n = u.Read(0, outRate, read, out bool ended);
        Assert.True(ended);
        Assert.Equal(read.Length, n);
        for (int k = 0; k < n; k++)
        {
            long num = (long)k * 22050;
            long i = num / outRate;
            float frac = (float)(num - (i * outRate)) / outRate;
            float expected = i + 1 < source.Length ? source[i] + ((source[i + 1] - source[i]) * frac) : source[i];
            Assert.Equal(expected, read[k]);
        }
    }

    [Fact]
    public void FinishedUtterance_HandsItsSegmentsBack()
    {
        Utterance u = Filled(Ramp(AudioBufferPool.SegmentSamples * 2 + 1));
        int before = AudioBufferPool.Pooled;
        u.SetOutcome(PlaybackOutcome.Expired);
        // Its three segments are back (the pool keeps at most 128); the utterance holds no audio any more.
        Assert.Equal(Math.Min(before + 3, AudioBufferPool.Keep), AudioBufferPool.Pooled);
        Assert.Equal(0, u.Read(0, 22050, new float[10], out _));
    }
}
