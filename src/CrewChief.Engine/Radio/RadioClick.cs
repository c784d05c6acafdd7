namespace CrewChief.Radio;

/// <summary>
/// The push-to-talk click: a 30 ms band-limited noise burst ("kssh"), lower for the key-down, higher for the
/// release, so the driver hears that the radio opened and closed. Generated, no asset to ship.
/// </summary>
public static class RadioClick
{
    public static short[] Pcm(int sampleRate, bool open)
    {
        int n = sampleRate * 30 / 1000;
        var pcm = new short[n];
        var random = new Random(open ? 1 : 2);
        double low = 0, smoothing = open ? 0.35 : 0.6;
        for (int i = 0; i < n; i++)
        {
            low += ((random.NextDouble() * 2 - 1) - low) * smoothing;
            double envelope = Math.Exp(-5.0 * i / n);
            pcm[i] = (short)(low * envelope * 6000);
        }
        return pcm;
    }
}
