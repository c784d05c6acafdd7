namespace CrewChief.Radio;

/// <summary>
/// Mono 16-bit rate conversion for the recogniser (espeak-ng speaks at 22050 Hz, microphones at 44.1/48 kHz, the
/// model hears 16 kHz). Windowed-sinc with a cutoff at the lower Nyquist: linear interpolation alone folds the
/// 8–11 kHz band back into the speech band, which the acoustic model hears as noise.
/// </summary>
public static class PcmResampler
{
    private const int HalfTaps = 12;

    public static int OutputLength(int inputLength, int fromRate, int toRate) => (int)((long)inputLength * toRate / fromRate);

    public static int Resample(ReadOnlySpan<short> input, int fromRate, Span<short> output, int toRate)
    {
        int n = Math.Min(output.Length, OutputLength(input.Length, fromRate, toRate));
        double step = (double)fromRate / toRate;
        double cutoff = Math.Min(1.0, (double)toRate / fromRate);
        for (int i = 0; i < n; i++)
        {
            double centre = i * step;
            int c = (int)centre;
            double sum = 0, weights = 0;
            for (int k = c - HalfTaps + 1; k <= c + HalfTaps; k++)
            {
                if ((uint)k >= (uint)input.Length) continue;
                double x = k - centre;
                double sinc = x == 0 ? 1 : Math.Sin(Math.PI * x * cutoff) / (Math.PI * x * cutoff);
                double window = 0.5 + 0.5 * Math.Cos(Math.PI * x / HalfTaps);
                double w = sinc * window;
                sum += input[k] * w;
                weights += w;
            }
            double v = weights == 0 ? 0 : sum / weights;
            output[i] = (short)Math.Clamp(Math.Round(v), short.MinValue, short.MaxValue);
        }
        return n;
    }
}
