using CrewChief.Telemetry;

namespace CrewChief.Demo;

/// <summary>
/// Fills a <see cref="TelemetryFrame"/> from the race state the way iRacing reports it: per-car arrays for all
/// 64 slots (unused slots -1 / not in world), the player's driving channels derived from its motion on the
/// track profile, and tyre channels that show only what the crew last measured.
/// </summary>
internal static class DemoFrameWriter
{
    private const float Gravity = 9.80665f;
    private const float MaxLateral = 2.4f * Gravity;
    private const float MaxLongitudinal = 8f * Gravity;
    /// <summary>Top speed in each gear of a GT3 car, m/s. An array, not a span-returning collection expression:
    /// that compiled to a new array on every access here (720 B a tick, measured).</summary>
    private static readonly float[] s_gearTop = [19f, 29f, 39f, 49f, 59f, 100f];

    public static void Fill(DemoRace race, TelemetryFrame f, int[] order, double t, int tick)
    {
        var track = race.Track;
        var script = race.Script;
        var player = race.Player;
        float length = track.LengthM;
        var state = race.State;

        f.SessionTime = t;
        f.SessionTick = tick;
        f.SessionNum = 0;
        f.SessionState = state;
        f.SessionFlags = script.Flags(t);
        f.PitsOpen = true;   // the demo never closes its pit lane (it has no full-course caution)
        f.SessionTimeRemain = Math.Max(0, race.SessionTimeLimit - t);
        int leaderLaps = race.Car(order[0]).LapCompleted;
        f.SessionLapsRemainEx = race.GreenTime < 0 ? race.RaceLaps : Math.Max(0, race.RaceLaps - leaderLaps);
        f.SessionInfoUpdate = race.SessionInfoVersion;

        var leader = race.Car(order[0]);
        double leaderEst = AbsoluteEstTime(track, leader.Dist);
        for (int i = 0; i < TelemetryFrame.MaxCars; i++)
        {
            if (i > DemoRace.RacingCars || (i == DemoRace.PaceCarIdx && race.Car(0).State == DemoCarState.Off))
            {
                f.CarIdxLap[i] = -1; f.CarIdxLapCompleted[i] = -1; f.CarIdxLapDistPct[i] = -1;
                f.CarIdxTrackSurface[i] = TrackSurface.NotInWorld; f.CarIdxOnPitRoad[i] = false;
                f.CarIdxPosition[i] = 0; f.CarIdxClassPosition[i] = 0;
                f.CarIdxClass[i] = i == DemoRace.PaceCarIdx ? 11 : -1;   // as live maps show empty slots
                f.CarIdxEstTime[i] = 0; f.CarIdxF2Time[i] = 0; f.CarIdxLastLapTime[i] = -1; f.CarIdxBestLapTime[i] = -1;
                continue;
            }
            var car = race.Car(i);
            float pct = race.Pct(car.Dist);
            bool started = car.Dist >= 0;
            f.CarIdxLap[i] = started ? (int)Math.Floor(car.Dist / length) + 1 : 0;
            f.CarIdxLapCompleted[i] = started ? car.LapCompleted : -1;
            f.CarIdxLapDistPct[i] = pct;
            f.CarIdxTrackSurface[i] = Surface(car, state);
            f.CarIdxOnPitRoad[i] = car.OnPitRoad;
            bool pace = i == DemoRace.PaceCarIdx;
            f.CarIdxPosition[i] = pace ? 0 : car.Position;
            f.CarIdxClassPosition[i] = pace ? 0 : car.Position;
            f.CarIdxClass[i] = pace ? 11 : DemoRace.CarClassId;
            f.CarIdxEstTime[i] = track.EstTimeAt(pct);
            if (!pace && car.FinishOrder == 0)
                f.CarIdxF2Time[i] = race.GreenTime < 0 ? 0 : (float)Math.Max(0, leaderEst - AbsoluteEstTime(track, car.Dist));
            else if (pace) f.CarIdxF2Time[i] = 0;
            f.CarIdxLastLapTime[i] = car.LastLap;
            f.CarIdxBestLapTime[i] = car.BestLap;
        }

        bool inWorld = t >= 1.0;
        f.IsOnTrack = inWorld && state != SessionState.Invalid;
        f.IsOnTrackCar = f.IsOnTrack;
        f.PlayerTrackSurface = inWorld ? f.CarIdxTrackSurface[DemoRace.PlayerIdx] : TrackSurface.NotInWorld;
        f.PlayerCarIdx = DemoRace.PlayerIdx;
        f.PlayerCarPosition = player.Position;
        f.PlayerCarClassPosition = player.Position;
        f.PlayerCarMyIncidentCount = script.Incidents;
        f.Lap = f.CarIdxLap[DemoRace.PlayerIdx];
        f.LapCompleted = f.CarIdxLapCompleted[DemoRace.PlayerIdx];
        float playerPct = race.Pct(player.Dist);
        f.LapDistPct = playerPct;
        f.LapDist = playerPct * length;
        f.LapCurrentLapTime = player.Dist >= 0 && race.GreenTime >= 0 ? (float)(t - player.LapStartTime) : 0;
        // The player's own lap times read 0 until set (the CarIdx arrays use -1), as in real live maps.
        f.LapLastLapTime = MathF.Max(0f, player.LastLap);
        f.LapBestLapTime = MathF.Max(0f, player.BestLap);
        f.LapDeltaToBestLap = player.BestLap > 0 && player.Dist >= 0
            ? f.LapCurrentLapTime - player.BestLap * track.EstTimeAt(playerPct) / track.ReferenceLapTime
            : 0;

        float speed = inWorld ? player.Speed : 0;
        // A scripted jump in speed (a tow into the box, a penalty hold starting) would read as a 50+ g spike, which
        // the reader's plausibility check rightly calls corrupt: a car's own braking or a hard hit stays within ~8 g.
        float accel = Math.Clamp((player.Speed - player.PrevSpeed) / (float)DemoRace.TickSeconds, -MaxLongitudinal, MaxLongitudinal);
        f.Speed = speed;
        f.LongAccel = inWorld ? accel : 0;
        bool onTrack = player.State is DemoCarState.Racing or DemoCarState.Finished or DemoCarState.Grid;
        float curvature = onTrack ? track.CurvatureAt(playerPct) : 0;
        // Grip caps what the profile's curvature would ask at corner entry: ~2.4 g for a GT3 car.
        f.LatAccel = Math.Clamp(speed * speed * curvature, -MaxLateral, MaxLateral);
        f.VertAccel = inWorld ? Gravity + 0.8f * MathF.Sin(playerPct * 97f) * MathF.Min(1f, speed / 30f) : 0;
        f.SteeringWheelAngle = curvature * 2.7f * 14f + (player.State == DemoCarState.Off ? 0.6f * MathF.Sin((float)t * 5f) : 0f);
        if (speed < 0.1f) { f.Throttle = 0; f.Brake = inWorld ? 0.2f : 0; }
        else if (accel > 0.3f) { f.Throttle = Math.Clamp(0.55f + accel / 10f, 0f, 1f); f.Brake = 0; }
        else if (accel < -1f) { f.Throttle = 0; f.Brake = Math.Clamp(0.1f - accel / 16f, 0f, 1f); }
        else { f.Throttle = MathF.Abs(curvature) < 0.002f ? 1f : 0.45f; f.Brake = 0; }   // flat out at top speed
        int gear = 0;
        if (speed > 0.1f) { gear = 1; while (gear < s_gearTop.Length && speed > s_gearTop[gear - 1]) gear++; }
        f.Gear = gear;
        float low = gear <= 1 ? 0 : s_gearTop[gear - 2], high = gear == 0 ? 1 : MathF.Min(s_gearTop[gear - 1], 75f);
        f.Rpm = gear == 0 ? (inWorld ? 1250f : 0f) : 4200f + 3300f * Math.Clamp((speed - low) / (high - low), 0f, 1f);

        f.FuelLevel = player.Fuel;
        f.FuelLevelPct = player.Fuel / player.TankLitres;
        float lph = player.FuelPerLap / player.LapTarget * 3600f;
        f.FuelUsePerHour = speed < 0.1f ? (inWorld ? 1.2f : 0) : lph * 0.75f * (0.15f + f.Throttle) / 0.95f;
        f.OnPitRoad = player.OnPitRoad;
        f.EngineWarnings = script.LimiterOn(player, t) ? EngineWarnings.PitSpeedLimiter : EngineWarnings.None;
        f.CarLeftRight = script.LeftRight;
        f.AirTemp = DemoRace.AirTempC;
        f.TrackTemp = DemoRace.TrackTempC + (float)(t / 600.0);
        script.MeasuredTemp.AsSpan().CopyTo(f.TyreTemp);
        script.MeasuredWear.AsSpan().CopyTo(f.TyreWear);
    }

    private static double AbsoluteEstTime(DemoTrack track, double dist)
    {
        double laps = Math.Floor(dist / track.LengthM);
        float pct = (float)(dist / track.LengthM - laps);
        return laps * track.ReferenceLapTime + track.EstTimeAt(pct);
    }

    private static TrackSurface Surface(DemoCar car, SessionState state) => car.State switch
    {
        DemoCarState.Off when car.CarIdx == DemoRace.PaceCarIdx => TrackSurface.NotInWorld,
        DemoCarState.Off => TrackSurface.OffTrack,
        DemoCarState.PitLane => TrackSurface.ApproachingPits,
        DemoCarState.PitStall => TrackSurface.InPitStall,
        _ => TrackSurface.OnTrack,
    };
}
