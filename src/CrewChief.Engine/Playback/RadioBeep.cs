namespace CrewChief.Playback;

/// <summary>The short "radio key-up" beep played before a callout: generated, no asset to ship.</summary>
internal static class RadioBeep
{
    /// <summary>Beep then silence, padded to whole blocks; empty when the beep is off or zero length.</summary>
    public static float[] Generate(PlaybackOptions options)
    {
        int rate = options.SampleRate;
        int beep = rate * options.BeepMilliseconds / 1000;
        int gap = rate * options.BeepGapMilliseconds / 1000;
        if (beep == 0) return [];
        int block = options.BlockSamples;
        int total = (beep + gap + block - 1) / block * block;
        var pcm = new float[total];
        // A 5 ms raised-cosine fade in and out: a hard edge would click louder than the beep itself.
        int fade = Math.Min(rate / 200, beep / 2);
        double step = 2 * Math.PI * options.BeepFrequencyHz / rate;
        for (int i = 0; i < beep; i++)
        {
            double envelope = 1.0;
            if (i < fade) envelope = 0.5 - (0.5 * Math.Cos(Math.PI * i / fade));
            else if (i >= beep - fade) envelope = 0.5 - (0.5 * Math.Cos(Math.PI * (beep - 1 - i) / fade));
            pcm[i] = (float)(0.25 * envelope * Math.Sin(step * i));
        }
        return pcm;
    }
}
