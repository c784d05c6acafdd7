using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Bench.Tyres;

/// <summary>
/// What the surface heat balance needs from one real .ibt, read once into arrays: per in-world record the step,
/// speed, accelerations, track and air temperature, and the measured surface temperature of each tyre (mean of the
/// three tread channels).
/// </summary>
internal sealed class TyreRecording
{
    public required string File { get; init; }
    public required string Car { get; init; }
    public required float[] Dt { get; init; }
    public required float[] Speed { get; init; }
    public required float[] Lat { get; init; }
    public required float[] Lon { get; init; }
    public required float[] Track { get; init; }
    public required float[] Air { get; init; }
    /// <summary>Measured surface °C, record-major: [record * 4 + corner].</summary>
    public required float[] Surface { get; init; }
    public int Count => Dt.Length;

    /// <summary>Null when the file has no surface channels or no accelerometers.</summary>
    public static TyreRecording? Load(string path)
    {
        using var source = new IbtReplaySource(path, IbtReplaySource.AsFastAsPossible);
        if ((source.Decoder.Available & (TelemetryChannels.TyreSurfaceTemps | TelemetryChannels.Accelerations | TelemetryChannels.Temperatures))
            != (TelemetryChannels.TyreSurfaceTemps | TelemetryChannels.Accelerations | TelemetryChannels.Temperatures)) return null;
        var d = source.SessionInfo?.PlayerDriver;
        string car = d is null ? "?" : d.CarPath.Length > 0 ? d.CarPath : d.CarScreenName;
        List<float> dt = [], v = [], lat = [], lon = [], track = [], air = [], surf = [];
        var f = new TelemetryFrame();
        double last = double.NaN;
        while (source.TryRead(f, 0) is var s && s != TelemetryReadStatus.EndOfData)
        {
            if (s != TelemetryReadStatus.NewFrame) continue;
            double step = double.IsNaN(last) ? 0 : f.SessionTime - last;
            last = f.SessionTime;
            dt.Add(step is > 0 and < 1 ? (float)step : 0f);
            v.Add(f.Speed); lat.Add(f.LatAccel); lon.Add(f.LongAccel); track.Add(f.TrackTemp); air.Add(f.AirTemp);
            for (int c = 0; c < 4; c++) surf.Add((f.TyreSurfaceTemp[3 * c] + f.TyreSurfaceTemp[3 * c + 1] + f.TyreSurfaceTemp[3 * c + 2]) / 3f);
        }
        return new TyreRecording
        {
            File = Path.GetFileName(path), Car = car, Dt = [.. dt], Speed = [.. v], Lat = [.. lat], Lon = [.. lon],
            Track = [.. track], Air = [.. air], Surface = [.. surf],
        };
    }

    /// <summary>
    /// Runs the balance from the first in-world record (every tyre at track temperature, as the live estimator
    /// starts) and adds |estimate − measured| for each tyre of each record driven at or above
    /// <paramref name="minSpeed"/> to <paramref name="errors"/> (signed when <paramref name="signed"/>).
    /// </summary>
    public void Errors(in TyreHeatParams p, float minSpeed, List<float> errors, bool signed = false)
    {
        Span<float> t = stackalloc float[4];
        for (int c = 0; c < 4; c++) t[c] = Track[0];
        for (int i = 0; i < Count; i++)
        {
            for (int c = 0; c < 4; c++)
            {
                float load = TyreHeat.Load((TyreCorner)c, Lat[i], Lon[i], p.RollingLoad);
                t[c] = TyreHeat.Step(t[c], load, Speed[i], Track[i], Air[i], Dt[i], p);
                if (Speed[i] >= minSpeed)
                {
                    float e = t[c] - Surface[i * 4 + c];
                    errors.Add(signed ? e : MathF.Abs(e));
                }
            }
        }
    }
}
