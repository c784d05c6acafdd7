namespace CrewChief.Telemetry.Plausibility;

/// <summary>
/// The physical range of each channel the engine reads. A value outside it is not a measurement but corrupt data
/// (random bytes in a var buffer read as a float give 1.6e24 °C or 1.4e37 l; as an int, lap 2147483647). The
/// ranges are deliberately generous — they reject only what no car, track or session can produce — so real
/// telemetry from any car never trips them (a test runs every real file through them).
/// </summary>
public static class ChannelLimits
{
    // Session. SessionTime counts from the session's start; even an open practice server is reset within weeks.
    public const double MaxSessionSeconds = 30 * 86_400;
    /// <summary>irsdk's "unlimited" laps remaining is 32767.</summary>
    public const int MaxLapsRemaining = 32_767;
    /// <summary>A 24-hour race on a quarter-mile oval is well under 10,000 laps.</summary>
    public const int MaxLap = 20_000;
    public const int MaxSessionNum = 1_000;

    // Player car.
    /// <summary>m/s (720 km/h): no car gets near it; reversing gives small negative values.</summary>
    public const float MaxSpeed = 200f, MinSpeed = -50f;
    public const float MaxRpm = 40_000f;
    public const int MinGear = -1, MaxGear = 20;
    /// <summary>m/s²: a heavy crash spikes to tens of g for a tick; 500 is beyond any impact a car survives.</summary>
    public const float MaxAccel = 500f;
    /// <summary>Litres: the biggest tanks in iRacing are ~120 l; "a few hundred" leaves room for any future car.</summary>
    public const float MaxFuelLitres = 500f;
    /// <summary>kg/h: an engine at full power burns ~100 kg/h.</summary>
    public const float MaxFuelUsePerHour = 1_000f;
    /// <summary>s: iRacing writes −1 for "no time". Not an hour: a lap that includes repairs in the garage takes
    /// hours in an endurance race (real WEC timing has them), so the bound is a day.</summary>
    public const float MaxLapSeconds = 86_400f;
    public const float MaxLapDistMetres = 100_000f;
    /// <summary>°C for tyre carcass/surface temperatures: rubber is smoke long before 300 °C.</summary>
    public const float MinTyreTemp = -60f, MaxTyreTemp = 300f;
    /// <summary>°C for air and track: the coldest and hottest places anyone races, with margin.</summary>
    public const float MinAmbientTemp = -60f, MaxAmbientTemp = 90f;
    public const int MaxPosition = 128;
    public const int MaxIncidents = 10_000;

    /// <summary>Every irsdk_Flags bit iRacing defines: global flags, the driver's black flags (incl. dqScoringInvalid
    /// 0x200000) and the four start lights. Bits 22–27 are never set by the sim.</summary>
    public const uint KnownFlagBits = 0x003F_FFFFu | 0xF000_0000u;
    /// <summary>irsdk_EngineWarnings defines nine bits (up to optRepNeeded 0x100); allow a few future ones.</summary>
    public const uint KnownEngineWarningBits = 0x0000_FFFFu;

    /// <summary>True when <paramref name="v"/> is a finite number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static bool In(double v, double min, double max) => v >= min && v <= max; // false for NaN

    public static bool In(int v, int min, int max) => v >= min && v <= max;

    /// <summary>
    /// irsdk's SessionFlags are a bit set with structure: only defined bits, and the start lights are a sequence of
    /// states (hidden, ready, set, go) of which at most one is shown at a time.
    /// </summary>
    public static bool SaneFlags(uint raw)
    {
        if ((raw & ~KnownFlagBits) != 0) return false;
        uint lights = raw >> 28;
        return (lights & (lights - 1)) == 0;
    }
}
