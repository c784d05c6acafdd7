namespace CrewChief.Demo;

/// <summary>SplitMix64: tiny, allocation-free and identical on every runtime, so a seed replays the same race.</summary>
internal struct DemoRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextULong()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public float NextFloat() => (NextULong() >> 40) * (1f / (1 << 24));

    public float Range(float min, float max) => min + (max - min) * NextFloat();

    /// <summary>Standard normal (Box–Muller), clamped to ±3 so one unlucky draw cannot wreck a lap.</summary>
    public float NextGaussian()
    {
        float u1 = MathF.Max(NextFloat(), 1e-7f);
        float u2 = NextFloat();
        float g = MathF.Sqrt(-2f * MathF.Log(u1)) * MathF.Cos(2f * MathF.PI * u2);
        return Math.Clamp(g, -3f, 3f);
    }
}
