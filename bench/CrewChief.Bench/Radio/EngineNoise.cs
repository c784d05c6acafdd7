namespace CrewChief.Bench.Radio;

/// <summary>
/// Engine-like noise for the noisy question set: the firing-frequency harmonics of a revving engine (a 4-stroke
/// six at 4,000–8,000 rpm: 200–400 Hz and its overtones, rpm wandering as on a lap) over brown and white noise
/// (wind, tyres, gearbox whine), mixed at a signal-to-noise ratio in dB over the speech's RMS.
/// </summary>
internal sealed class EngineNoise(int seed)
{
    private readonly Random _random = new(seed);

    public void MixInto(short[] speech, int sampleRate, double snrDb)
    {
        var noise = new double[speech.Length];
        double phase = 0, brown = 0, rpm = 4000 + _random.NextDouble() * 4000, target = rpm;
        for (int i = 0; i < noise.Length; i++)
        {
            if (i % (sampleRate / 10) == 0) target = 4000 + _random.NextDouble() * 4000;
            rpm += (target - rpm) * 0.0005;
            double firing = rpm / 60.0 * 3; // a six fires three times a revolution
            phase += 2 * Math.PI * firing / sampleRate;
            double engine = 0;
            for (int h = 1; h <= 6; h++) engine += Math.Sin(h * phase) / h;
            double white = _random.NextDouble() * 2 - 1;
            brown = 0.98 * brown + 0.02 * white;
            noise[i] = engine + 4 * brown + 0.15 * white;
        }
        double speechPower = 0, noisePower = 0;
        for (int i = 0; i < speech.Length; i++) { speechPower += (double)speech[i] * speech[i]; noisePower += noise[i] * noise[i]; }
        if (noisePower == 0 || speechPower == 0) return;
        double gain = Math.Sqrt(speechPower / noisePower / Math.Pow(10, snrDb / 10));
        for (int i = 0; i < speech.Length; i++)
            speech[i] = (short)Math.Clamp(speech[i] + noise[i] * gain, short.MinValue, short.MaxValue);
    }
}
