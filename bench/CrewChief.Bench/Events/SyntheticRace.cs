using CrewChief.Telemetry;

namespace CrewChief.Bench.Events;

/// <summary>
/// A 20-car race generated tick by tick into one reused frame (cheap arithmetic only), so the brain benchmark
/// measures the brain, not a frame source. The player circulates at 60 s laps with traffic around it, the
/// spotter toggles and a yellow comes and goes, so the event path runs too.
/// </summary>
internal sealed class SyntheticRace
{
    private const int Cars = 20;
    private const double Dt = 1 / 60.0;
    private const double LapTime = 60;
    private readonly double[] _progress = new double[Cars];
    private readonly double[] _lapTime = new double[Cars];
    private long _tick;

    public SyntheticRace()
    {
        var f = Frame;
        f.Available = (TelemetryChannels)0xFFFF;
        f.SessionState = SessionState.Racing;
        f.SessionFlags = SessionFlags.Green;
        f.PlayerTrackSurface = TrackSurface.OnTrack;
        f.PlayerCarIdx = 0;
        f.FuelLevel = 1000;
        f.FuelLevelPct = 1;
        f.TrackTemp = 30;
        f.AirTemp = 20;
        f.SessionTime = 100;
        f.SessionTimeRemain = 604800;
        Array.Fill(f.TyreTemp, 85f);
        Array.Fill(f.TyreWear, 1f);
        for (int i = 0; i < TelemetryFrame.MaxCars; i++) { f.CarIdxTrackSurface[i] = TrackSurface.NotInWorld; f.CarIdxLapDistPct[i] = -1; }
        for (int i = 0; i < Cars; i++)
        {
            _progress[i] = 1.001 + (i - 10) * 0.013 + (i == 0 ? 0.13 : 0);
            _lapTime[i] = i == 0 ? LapTime : 59 + (i % 5) * 0.5;
            f.CarIdxClass[i] = 1 + (i % 2);
            f.CarIdxTrackSurface[i] = TrackSurface.OnTrack;
        }
        f.CarIdxClass[0] = 1;
        Info = new SessionInfo { TrackLengthKm = 3, PlayerCarIdx = 0, FuelTankLitres = 100, DriverCarEstLapTime = (float)LapTime };
        Info.Sessions.Add(new SessionEntry { SessionNum = 0, SessionType = "Race", Laps = 100000 });
        for (int i = 0; i < Cars; i++) Info.Drivers.Add(new DriverEntry { CarIdx = i, CarNumber = (i + 1).ToString(), CarClassId = f.CarIdxClass[i] });
    }

    public TelemetryFrame Frame { get; } = new();
    public SessionInfo Info { get; }
    public long Timestamp => _tick * 10_000;

    public void Advance()
    {
        var f = Frame;
        _tick++;
        f.SessionTime += Dt;
        f.SessionTick++;
        f.FuelLevel -= (float)(2 * Dt / LapTime);
        for (int i = 0; i < Cars; i++)
        {
            double q = _progress[i] += Dt / _lapTime[i];
            int c = (int)q;
            float pct = (float)(q - c);
            f.CarIdxLapCompleted[i] = c;
            f.CarIdxLap[i] = c + 1;
            f.CarIdxLapDistPct[i] = pct;
            f.CarIdxEstTime[i] = (float)(pct * LapTime);
            f.CarIdxLastLapTime[i] = (float)_lapTime[i];
            f.CarIdxBestLapTime[i] = (float)_lapTime[i];
        }
        f.LapCompleted = f.CarIdxLapCompleted[0];
        f.Lap = f.LapCompleted + 1;
        f.LapDistPct = f.CarIdxLapDistPct[0];
        f.LapDist = f.LapDistPct * 3000;
        f.Speed = 50;
        double phase = f.LapDistPct * Math.PI * 16;
        f.LatAccel = (float)(12 * Math.Sin(phase));
        f.LongAccel = (float)(2 - 6 * Math.Max(0, Math.Cos(phase)));
        f.CarLeftRight = (_tick / 45 % 4) switch { 0 => CarLeftRight.CarLeft, 2 => CarLeftRight.CarLeftRight, _ => CarLeftRight.Clear };
        f.SessionFlags = _tick / 700 % 2 == 0 ? SessionFlags.Green : SessionFlags.Yellow;
    }
}
