namespace CrewChief.Tests.Truth;

/// <summary>
/// The raw channels the truth harness judges by, one value per record, read by <see cref="RawTelemetry"/>, plus the
/// things a person reading the recording would see in them: line crossings with the sim's own lap time, drops of
/// the sim's best lap, incident-point jumps. NaN marks a channel the recording lacks.
/// </summary>
internal sealed class RawTimeline
{
    public const double G = 9.80665;

    public RawTelemetry Raw { get; }
    public int N { get; }
    public double[] T, Lap, LapCompleted, LapLast, LapBest, Incidents, OnPit, Speed, Surface, LimiterBit, LatAccel, LongAccel;
    public double[] Vx, Vy, YawRate, Fuel, ClassPosition, Position, TrackTemp, AirTemp;
    /// <summary>Surface temperature (mean of the L/M/R channels, °C) per corner LF, RF, LR, RR; NaN when absent.</summary>
    public double[][] TyreSurface { get; } = new double[4][];
    /// <summary>% worn (100 × (1 − mean of wearL/M/R)) per corner; NaN when absent.</summary>
    public double[][] TyreWorn { get; } = new double[4][];
    public bool[] InWorld { get; }
    public bool HasLimiterControl { get; }
    /// <summary>Pit speed limit from the session YAML, m/s; NaN when absent.</summary>
    public double PitLimit { get; }
    public bool HasLimiter { get; }

    public List<Crossing> Crossings { get; } = [];
    public List<(double T, double Best)> BestDrops { get; } = [];
    public List<(double T, int Added)> IncidentJumps { get; } = [];

    /// <summary>One +1 line crossing between two in-world records, and the time the sim published for that lap.</summary>
    public readonly record struct Crossing(int Record, double T, int LapDone, double Official, double PublishedAt, bool CleanLap);

    public RawTimeline(RawTelemetry raw)
    {
        Raw = raw;
        N = raw.Records;
        T = raw.Channel("SessionTime");
        Lap = raw.Channel("Lap");
        LapCompleted = raw.Channel("LapCompleted");
        LapLast = raw.Channel("LapLastLapTime");
        LapBest = raw.Channel("LapBestLapTime");
        Incidents = raw.Channel("PlayerCarMyIncidentCount");
        OnPit = raw.Channel("OnPitRoad");
        Speed = raw.Channel("Speed");
        Surface = raw.Channel("PlayerTrackSurface");
        LatAccel = raw.Channel("LatAccel");
        LongAccel = raw.Channel("LongAccel");
        Vx = raw.Channel("VelocityX");
        Vy = raw.Channel("VelocityY");
        YawRate = raw.Channel("YawRate");
        Fuel = raw.Channel("FuelLevel");
        ClassPosition = raw.Channel("PlayerCarClassPosition");
        Position = raw.Channel("PlayerCarPosition");
        TrackTemp = raw.Has("TrackTemp") ? raw.Channel("TrackTemp") : raw.Channel("TrackTempCrew");
        AirTemp = raw.Channel("AirTemp");
        var warnings = raw.Channel("EngineWarnings");
        LimiterBit = new double[N];
        for (int r = 0; r < N; r++) LimiterBit[r] = double.IsNaN(warnings[r]) ? double.NaN : ((int)warnings[r] & 0x10) != 0 ? 1 : 0;
        string[] corners = ["LF", "RF", "LR", "RR"];
        for (int c = 0; c < 4; c++)
        {
            TyreSurface[c] = Mean(raw, corners[c] + "tempL", corners[c] + "tempM", corners[c] + "tempR", 1);
            TyreWorn[c] = Mean(raw, corners[c] + "wearL", corners[c] + "wearM", corners[c] + "wearR", -100, 100);
        }
        var lapPct = raw.Channel("LapDistPct");
        InWorld = new bool[N];
        for (int r = 0; r < N; r++)
            InWorld[r] = raw.Has("PlayerTrackSurface") ? Surface[r] != -1 : !(Lap[r] == 0 && lapPct[r] == 0 && Speed[r] == 0);
        HasLimiterControl = raw.Has("dcPitSpeedLimiterToggle");
        bool bitSeen = false;
        for (int r = 0; r < N; r++) bitSeen |= LimiterBit[r] == 1;
        HasLimiter = HasLimiterControl || bitSeen;
        double limit = raw.YamlNumber("TrackPitSpeedLimit", out string unit);
        PitLimit = unit.Equals("mph", StringComparison.OrdinalIgnoreCase) ? limit * 1.609344 / 3.6 : limit / 3.6;

        FindCrossings();
        double best = 0;
        for (int r = 0; r < N; r++)
        {
            if (!InWorld[r] || !(LapBest[r] > 0)) continue;
            if (best > 0 && LapBest[r] < best - 0.0005) BestDrops.Add((T[r], LapBest[r]));
            best = LapBest[r];
        }
        for (int r = 1; r < N; r++)
            if (InWorld[r] && InWorld[r - 1] && Incidents[r] > Incidents[r - 1]) IncidentJumps.Add((T[r], (int)(Incidents[r] - Incidents[r - 1])));
    }

    private static double[] Mean(RawTelemetry raw, string a, string b, string c, double scale, double offset = 0)
    {
        var x = raw.Channel(a); var y = raw.Channel(b); var z = raw.Channel(c);
        var m = new double[x.Length];
        for (int i = 0; i < m.Length; i++) m[i] = offset + scale * (x[i] + y[i] + z[i]) / 3;
        return m;
    }

    private void FindCrossings()
    {
        int lastCrossing = -1;
        bool pitSinceLast = false;
        for (int r = 1; r < N; r++)
        {
            if (!InWorld[r] || !InWorld[r - 1]) { lastCrossing = -1; continue; }
            if (OnPit[r] == 1) pitSinceLast = true;
            if (Lap[r] != Lap[r - 1] + 1) continue;
            double official = double.NaN, publishedAt = double.NaN;
            double before = LapLast[r - 1];
            bool sawNone = false;
            for (int k = r; k < N && T[k] <= T[r] + 6 && InWorld[k]; k++)
            {
                if (!(LapLast[k] > 0)) { sawNone = true; continue; }
                if (sawNone || Math.Abs(LapLast[k] - before) > 0.0005) { official = LapLast[k]; publishedAt = T[k]; break; }
            }
            int done = double.IsNaN(LapCompleted[r]) ? (int)Lap[r] - 1 : (int)LapCompleted[r];
            Crossings.Add(new Crossing(r, T[r], done, official, publishedAt, lastCrossing >= 0 && !pitSinceLast));
            lastCrossing = r;
            pitSinceLast = OnPit[r] == 1;
        }
    }

    /// <summary>The last in-world record at or before <paramref name="t"/> (event times are rounded to 1 ms).</summary>
    public int At(double t)
    {
        int found = -1;
        for (int r = 0; r < N; r++)
        {
            if (T[r] > t + 0.002) break;
            if (InWorld[r]) found = r;
        }
        return found;
    }

    /// <summary>In-world records with <paramref name="from"/> ≤ T ≤ <paramref name="to"/>.</summary>
    public IEnumerable<int> Between(double from, double to)
    {
        for (int r = 0; r < N; r++)
        {
            if (T[r] > to) yield break;
            if (T[r] >= from && InWorld[r]) yield return r;
        }
    }

    /// <summary>Body sideslip in degrees (0 straight ahead, 180 backwards); NaN without velocities or when crawling.</summary>
    public double SlipDegrees(int r) =>
        double.IsNaN(Vx[r]) || Speed[r] < 5 ? double.NaN : Math.Atan2(Math.Abs(Vy[r]), Vx[r]) * 180 / Math.PI;

    /// <summary>
    /// The car is rotating or sliding like no corner makes it: sideslip ≥ <paramref name="slipDegrees"/>, or, for a
    /// recording without body velocities, yaw rate ≥ <paramref name="yawRate"/> rad/s; at ≥ <paramref name="kmh"/>.
    /// </summary>
    public bool OutOfControl(int r, double slipDegrees, double yawRate, double kmh)
    {
        if (!(Speed[r] >= kmh / 3.6)) return false;
        double slip = SlipDegrees(r);
        if (!double.IsNaN(Vx[r])) return slip >= slipDegrees;
        return Math.Abs(YawRate[r]) >= yawRate;
    }

    public double HorizontalG(int r) => Math.Sqrt(LatAccel[r] * LatAccel[r] + LongAccel[r] * LongAccel[r]) / G;

    /// <summary>A whole lap was timed on the road before <paramref name="t"/>: two crossings, no pit lane or reset between.</summary>
    public bool CleanLapBefore(double t)
    {
        foreach (var c in Crossings) if (c.T <= t && c.CleanLap) return true;
        return false;
    }
}
