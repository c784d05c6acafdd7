namespace CrewChief.Demo;

/// <summary>
/// The demo's track: Lime Rock Park, Grand Prix layout, under iRacing's own names ("limerock 2019 gp"). A clockwise
/// 2.46 km lap of six named corners that a GT3 car laps in about 54 s, so 5–15 minutes make 5–15 laps. The lap is
/// sampled once into a reference speed profile (braking/acceleration envelopes around each corner's apex speed)
/// scaled to <see cref="ReferenceLapTime"/>; cars run the profile scaled to their own lap time, which gives
/// plausible speed, acceleration, steering and CarIdxEstTime without per-tick maths beyond a table lookup.
/// Corner positions are approximate lap fractions; the callouts' track data is the authority on names.
/// </summary>
public sealed class DemoTrack
{
    public readonly record struct Corner(string Name, float ApexPct, float HalfWidthPct, float ApexSpeed, int Direction);

    public static DemoTrack LimeRock { get; } = new();

    public string TrackName => "limerock 2019 gp";
    public string DisplayName => "Lime Rock Park";
    public string DisplayShortName => "Lime Rock";
    public string ConfigName => "Grand Prix";
    public string City => "Lakeville";
    public string Country => "USA";
    public float LengthM => 2460f;
    /// <summary>A GT3 class estimate for the lap, s (DriverCarEstLapTime / CarClassEstLapTime).</summary>
    public float ReferenceLapTime => 54.0f;
    /// <summary>45 mph, the pit lane limit.</summary>
    public float PitLimitMps => 20.1168f;
    public float PitEntryPct => 0.925f;
    /// <summary>Stalls sit just past the line: a car that pits completes its lap on pit road.</summary>
    public float PitStallPct => 0.012f;
    public float PitExitPct => 0.075f;
    public ReadOnlySpan<float> SectorStarts => [0f, 0.318f, 0.648f];

    /// <summary>Clockwise: Direction -1 = right-hander (iRacing's lateral axis points left).</summary>
    public ReadOnlySpan<Corner> Corners => _corners;

    private const int Samples = 2048;
    private const float Brake = 13f, Accel = 3.6f, TopSpeed = 68f, LateralLimit = 21f;
    private readonly Corner[] _corners =
    [
        new("Big Bend", 0.140f, 0.055f, 31f, -1),
        new("Left Hander", 0.305f, 0.022f, 26f, 1),
        new("Right Hander", 0.368f, 0.022f, 30f, -1),
        new("Uphill", 0.620f, 0.025f, 41f, -1),
        new("West Bend", 0.740f, 0.030f, 36f, 1),
        new("Diving Turn", 0.862f, 0.030f, 45f, -1),
    ];
    private readonly float[] _speed = new float[Samples + 1];
    private readonly float[] _curvature = new float[Samples + 1];
    private readonly float[] _time = new float[Samples + 1];

    private DemoTrack()
    {
        float ds = LengthM / Samples;
        for (int i = 0; i <= Samples; i++)
        {
            float pct = (float)i / Samples;
            float v = TopSpeed;
            float k = 0;
            foreach (var c in _corners)
            {
                for (int wrap = -1; wrap <= 1; wrap++)
                {
                    float d = (pct - (c.ApexPct + wrap)) * LengthM;   // <0 before the apex
                    float a = d < 0 ? Brake : Accel;
                    v = MathF.Min(v, MathF.Sqrt(c.ApexSpeed * c.ApexSpeed + 2 * a * MathF.Abs(d)));
                    float x = (pct - (c.ApexPct + wrap)) / c.HalfWidthPct;
                    if (MathF.Abs(x) < 1)
                    {
                        float radius = c.ApexSpeed * c.ApexSpeed / LateralLimit;
                        k += c.Direction / radius * 0.5f * (1 + MathF.Cos(MathF.PI * x));
                    }
                }
            }
            _speed[i] = v;
            _curvature[i] = k;
        }

        float t = 0;
        for (int i = 1; i <= Samples; i++) t += ds * 2 / (_speed[i - 1] + _speed[i]);
        float scale = t / ReferenceLapTime;
        t = 0;
        _speed[0] *= scale;
        for (int i = 1; i <= Samples; i++)
        {
            _speed[i] *= scale;
            t += ds * 2 / (_speed[i - 1] + _speed[i]);
            _time[i] = t;
        }
    }

    private static float Lerp(float[] table, float pct)
    {
        float x = Math.Clamp(pct, 0f, 1f) * Samples;
        int i = Math.Min((int)x, Samples - 1);
        float f = x - i;
        return table[i] + (table[i + 1] - table[i]) * f;
    }

    /// <summary>Speed at <paramref name="pct"/> on a lap of exactly <see cref="ReferenceLapTime"/>, m/s.</summary>
    public float ReferenceSpeedAt(float pct) => Lerp(_speed, pct);

    /// <summary>Signed path curvature, 1/m (positive = turning left).</summary>
    public float CurvatureAt(float pct) => Lerp(_curvature, pct);

    /// <summary>Time from the line to <paramref name="pct"/> at the reference pace (CarIdxEstTime), s.</summary>
    public float EstTimeAt(float pct) => Lerp(_time, pct);

    /// <summary>Straights where a faster car gets past a slower one (elsewhere it queues behind).</summary>
    public bool IsPassingZone(float pct) => pct < 0.095f || pct > 0.90f || (pct > 0.40f && pct < 0.57f);

    /// <summary>Index into <see cref="Corners"/> of the corner around <paramref name="pct"/>, or -1 on a straight.</summary>
    public int CornerAt(float pct)
    {
        for (int i = 0; i < _corners.Length; i++)
            if (MathF.Abs(pct - _corners[i].ApexPct) < _corners[i].HalfWidthPct) return i;
        return -1;
    }
}
