using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Tools.Eval;

/// <summary>
/// Feeds one race snapshot through the real brain: a short synthetic history of telemetry frames (laps at the
/// snapshot's pace that end in its last and best lap, the fuel burning down to what it has left, its tyre readings,
/// the cars at its gaps, its position and laps to go) ending at the snapshot's moment, run through
/// <see cref="RaceBrain"/> exactly as the race tick runs it. What the brain raised is what the eval speaks to, so
/// the eval measures the engine, not a copy of its rules.
/// Nothing is made up that the brain could speak: a value the snapshot lacks is a channel the frames lack (no tank
/// size, no wear measurement, no car at an unknown gap). The history's own choices (fuel burn per lap, the laps
/// before the last one) only shape what came before the snapshot and are never a fact of an event.
/// </summary>
public static class SnapshotHistory
{
    /// <summary>Ticks a second: the detectors hold conditions over seconds, never over single ticks.</summary>
    public const double Hz = 10;
    /// <summary>Whole laps before the snapshot's lap: enough for the fuel and pace windows (four clean laps).</summary>
    public const int HistoryLaps = 6;
    /// <summary>Litres a lap: fuel is given in laps, so any burn gives the same laps of fuel.</summary>
    private const float BurnPerLap = 2.5f;
    private const double DefaultLapTime = 100;
    private const double TrackLengthM = 5000;
    private const int Player = 0, Ahead = 1, Behind = 2;
    /// <summary>
    /// The snapshot's own readings (tyres, the cars at its gaps) reach the brain this long before its moment, as a
    /// new reading does in a race: long enough for the detectors' hold times (a hot tyre 10 s would be too long for
    /// the calls' time to live), short enough that a call they raise is still worth saying at the snapshot.
    /// </summary>
    private const double ArriveSeconds = 14;
    private const double AfterLineSeconds = 0.5;
    /// <summary>Tread surface before the snapshot's reading arrives: between the cold and hot marks, so it says nothing.</summary>
    private const float NeutralTyreC = 80;

    /// <summary>The events the brain raised over the history that still stand at the snapshot, in the order raised.</summary>
    public static List<RaceEvent> Run(RaceSnapshot s)
    {
        var brain = new RaceBrain(BrainOptions.Default);
        var run = new Replay(s);
        var latest = new Dictionary<EventKind, RaceEvent>();
        var order = new List<EventKind>();
        while (run.Step())
        {
            brain.Tick(run.Frame, run.Info, run.Timestamp);
            foreach (var e in brain.Raised)
            {
                latest[e.Kind] = e;
                order.Remove(e.Kind);
                order.Add(e.Kind);
            }
        }
        double now = run.Frame.SessionTime;
        var standing = new List<RaceEvent>(order.Count);
        foreach (var kind in order)
        {
            var e = latest[kind];
            if (Stands(e, now, run.LastLineAt)) standing.Add(e);
        }
        // In raise order, as the director hears them: among equally urgent calls the first raised is said first.
        standing.Sort((a, b) => a.SessionTime.CompareTo(b.SessionTime));
        return standing;
    }

    /// <summary>
    /// What the engineer says at the snapshot: a call still within its time to live, or one made on the lap the
    /// snapshot is on (a call from an earlier lap was said then, with that lap's figures) unless it is a moment's
    /// call (a spin, an off, a contact, a spotter call: said at once or not at all, old news seconds later).
    /// </summary>
    private static bool Stands(in RaceEvent e, double now, double lastLineAt) =>
        now - e.SessionTime <= e.TimeToLive || (e.SessionTime >= lastLineAt - 0.5 && e.TimeToLive > MomentTtlSeconds);

    /// <summary>The longest time to live of a moment's call in the catalog (spin, off, contact, a missing limiter).</summary>
    private const float MomentTtlSeconds = 3;

    /// <summary>The frames: the player and the cars at the snapshot's gaps, one tick at a time.</summary>
    private sealed class Replay
    {
        private readonly RaceSnapshot _s;
        private readonly double[] _lapTimes;
        private readonly double _start, _end;
        private readonly int _completedAtEnd;
        /// <summary>Laps completed when the snapshot's tyre set went on new, or -1 when unknown.</summary>
        private readonly int _setFrom;
        private bool _newSetMeasured;
        private double _progress;
        private bool _started;

        public Replay(RaceSnapshot s)
        {
            _s = s;
            int lap = Math.Max(1, s.Lap ?? HistoryLaps + 1);
            double pct = Math.Clamp(s.LapPct ?? 0.5, 0.0, 0.99);
            _completedAtEnd = lap - 1;
            _end = _completedAtEnd + Math.Max(pct, 0.005);
            // Start just before a line so the first lap is timed whole; on the race's first laps, at the start.
            // A set whose laps are known is seen going on new (the crew's first measurement) within the history.
            _setFrom = s.TyreSetLaps is { } setLaps && s.TyreWear.HasValue ? Math.Max(0, _completedAtEnd - setLaps) : -1;
            int back = Math.Max(HistoryLaps, _setFrom >= 0 ? _completedAtEnd - _setFrom : 0);
            _start = Math.Max(0.001, _completedAtEnd - back - 0.05);
            _lapTimes = LapTimes(s, _completedAtEnd);
            LapTime = _lapTimes[^1];
            _progress = _start;
            Frame = BuildFrame();
            Info = BuildInfo();
        }

        public TelemetryFrame Frame { get; }
        public SessionInfo Info { get; }
        public double LapTime { get; }
        /// <summary>Stopwatch ticks on the session clock, so an event's expiry is its time to live.</summary>
        public long Timestamp => (long)(Frame.SessionTime * System.Diagnostics.Stopwatch.Frequency);
        /// <summary>Session time the player last crossed the line (the start of the snapshot's lap).</summary>
        public double LastLineAt { get; private set; }
        /// <summary>
        /// The tyre readings arrive within the last seconds, after the calls made at the snapshot's line (a reading
        /// lands on a lap, not on its line), unless the snapshot is too close to the line for that.
        /// </summary>
        private bool Arrived => (_end - _progress) * LapTime <= ArriveSeconds
            && (_progress - _completedAtEnd) * LapTime >= Math.Min(AfterLineSeconds, (_end - _completedAtEnd) * LapTime / 2);

        /// <summary>Advances one tick; false once the snapshot's moment is reached.</summary>
        public bool Step()
        {
            if (!_started) { _started = true; Sync(); return true; }
            if (_progress >= _end) return false;
            int lapIndex = (int)Math.Floor(_progress);
            double lapTime = LapTimeOf(lapIndex);
            double dt = 1 / Hz;
            double step = dt / lapTime;
            if (_progress + step > _end) { step = _end - _progress; dt = step * lapTime; }
            double before = _progress;
            _progress += step;
            Frame.SessionTime += dt;
            Frame.SessionTick++;
            Frame.TickCount++;
            Frame.FuelLevel = Math.Max(0, Frame.FuelLevel - (float)(BurnPerLap * step));
            if ((int)Math.Floor(_progress) > (int)Math.Floor(before)) CrossLine((int)Math.Floor(before));
            if (!_newSetMeasured && _setFrom >= 0 && _progress >= _setFrom && !Arrived)
            {
                // The crew measures the new set: nothing worn.
                _newSetMeasured = true;
                Array.Fill(Frame.TyreWear, 1f);
            }
            if (Arrived) Arrive();
            Sync();
            return true;
        }

        /// <summary>Lap time of the lap whose completed count is <paramref name="completed"/> (0 = the first lap).</summary>
        private double LapTimeOf(int completed)
        {
            int fromEnd = _completedAtEnd - completed; // 1 = the snapshot's last lap, 0 = the lap it is on
            if (fromEnd <= 0) return _lapTimes[^1];
            int i = _lapTimes.Length - fromEnd;
            return i >= 0 ? _lapTimes[i] : _lapTimes[0];
        }

        /// <summary>The sim publishes the lap just completed and the best so far at the line.</summary>
        private void CrossLine(int completedLap)
        {
            LastLineAt = Frame.SessionTime;
            if (!_s.LastLapTime.HasValue && !_s.BestLapTime.HasValue) return;
            float time = (float)LapTimeOf(completedLap);
            Frame.LapLastLapTime = time;
            // The very first lap from a standing start is not timed against the best.
            if (!(Frame.LapBestLapTime > 0) || time < Frame.LapBestLapTime) Frame.LapBestLapTime = time;
            Frame.CarIdxLastLapTime[Player] = time;
            Frame.CarIdxBestLapTime[Player] = Frame.LapBestLapTime;
        }

        private TelemetryFrame BuildFrame()
        {
            var s = _s;
            var f = new TelemetryFrame
            {
                Available = TelemetryChannels.FuelUsePerHour | TelemetryChannels.SessionFlags | TelemetryChannels.PlayerCarIdx
                    | TelemetryChannels.LapCompleted | TelemetryChannels.PlayerTrackSurface | TelemetryChannels.CarIdx
                    | TelemetryChannels.CarLeftRight | TelemetryChannels.Accelerations | TelemetryChannels.Position
                    | TelemetryChannels.LapTimes | TelemetryChannels.EngineWarnings,
                SessionState = SessionState.Racing,
                SessionFlags = SessionFlags.Green,
                PlayerTrackSurface = TrackSurface.OnTrack,
                IsOnTrack = true,
                IsOnTrackCar = true,
                PlayerCarIdx = Player,
                SessionTime = 600,
                SessionTimeRemain = 604800,
                SessionLapsRemainEx = 32767,
                CarLeftRight = CarLeftRight.Clear,
            };
            double lapsOfFuel = s.FuelLapsRemaining ?? 30;
            f.FuelLevel = (float)((lapsOfFuel + (_end - _start)) * BurnPerLap);
            if (s.TrackTempC is { } track) { f.Available |= TelemetryChannels.Temperatures; f.TrackTemp = (float)track; f.AirTemp = (float)track - 8; }
            if (s.TyreTemps.HasValue)
            {
                f.Available |= TelemetryChannels.TyreSurfaceTemps | TelemetryChannels.TyreTemps;
                Array.Fill(f.TyreSurfaceTemp, NeutralTyreC);
                Array.Fill(f.TyreTemp, NeutralTyreC);
            }
            // Wear channels all zero: not measured yet (the crew's measurement arrives with the snapshot).
            if (s.TyreWear.HasValue) f.Available |= TelemetryChannels.TyreWear;
            for (int i = 0; i < TelemetryFrame.MaxCars; i++)
            {
                f.CarIdxTrackSurface[i] = TrackSurface.NotInWorld;
                f.CarIdxLapDistPct[i] = -1;
            }
            return f;
        }

        /// <summary>The snapshot's readings: its tread surface temperatures, the crew's wear measurement, its incident points.</summary>
        private void Arrive()
        {
            var f = Frame;
            // The count is a reading like the others: no earlier count is known, so none is made up (no rise, no
            // points "just now"); the brain hears it when it arrives, as an engine that starts mid-race does.
            if (_s.IncidentCount is { } inc) { f.Available |= TelemetryChannels.Incidents; f.PlayerCarMyIncidentCount = inc; }
            if (_s.TyreTemps is { } temps)
            {
                for (int c = 0; c < 4; c++) f.TyreSurfaceTemp.AsSpan(3 * c, 3).Fill((float)temps[c]);
                for (int c = 0; c < 4; c++) f.TyreTemp.AsSpan(3 * c, 3).Fill((float)temps[c]);
            }
            // % worn, as the wear channels hold it: tread left, 0..1.
            if (_s.TyreWear is { } wear)
                for (int c = 0; c < 4; c++) f.TyreWear.AsSpan(3 * c, 3).Fill((float)Math.Clamp(1 - wear[c] / 100, 0.001, 1));
        }

        private SessionInfo BuildInfo()
        {
            var s = _s;
            var info = new SessionInfo
            {
                TrackLengthKm = (float)(TrackLengthM / 1000),
                TrackDisplayName = s.Track,
                TrackType = s.TrackType,
                PlayerCarIdx = Player,
                // Unless the snapshot gives the tank, no figure that needs it (stops, the window) may be derived.
                FuelTankLitres = s.FuelTankLaps is > 0 ? (float)(s.FuelTankLaps.Value * BurnPerLap) : 0,
                DriverCarEstLapTime = (float)LapTime,
            };
            int totalLaps = s.SessionLapsRemain is { } left ? _completedAtEnd + Math.Max(left, 0) : 0;
            info.Sessions.Add(new SessionEntry { SessionNum = 0, SessionType = "Race", SessionName = "RACE", Laps = totalLaps > 0 ? totalLaps : 32767 });
            // The class's estimated lap is the lap every CarIdxEstTime counts in (where it wraps at the line).
            float est = (float)LapTime;
            info.Drivers.Add(new DriverEntry { CarIdx = Player, CarNumber = "7", CarClassId = 1, CarScreenName = s.Car, CarClassEstLapTime = est });
            if (s.GapAhead.HasValue) info.Drivers.Add(new DriverEntry { CarIdx = Ahead, CarNumber = "11", CarClassId = 1, CarClassEstLapTime = est });
            if (s.GapBehind.HasValue) info.Drivers.Add(new DriverEntry { CarIdx = Behind, CarNumber = "12", CarClassId = 1, CarClassEstLapTime = est });
            return info;
        }

        private void Sync()
        {
            var f = Frame;
            var s = _s;
            int completed = (int)Math.Floor(_progress);
            float pct = (float)(_progress - completed);
            double lapTime = LapTimeOf(completed);
            f.LapCompleted = completed;
            f.Lap = completed + 1;
            f.LapDistPct = pct;
            f.LapDist = (float)(pct * TrackLengthM);
            f.LapCurrentLapTime = (float)(pct * lapTime);
            f.Speed = (float)(TrackLengthM / lapTime);
            // Corners: lateral load as a sine over the lap, braking into each, so the car is driven, not parked.
            double phase = pct * Math.PI * 2 * 8;
            f.LatAccel = (float)(12 * Math.Sin(phase));
            f.LongAccel = (float)(-6 * Math.Max(0, Math.Cos(phase)) + 2);
            f.Brake = f.LongAccel < 0 ? 0.5f : 0f;
            f.Throttle = f.Brake > 0 ? 0 : 1;
            f.Gear = 4;
            f.Rpm = 7000;
            f.FuelUsePerHour = (float)(BurnPerLap * 3600 / lapTime * 0.75);
            if (s.SessionLapsRemain is { } left) f.SessionLapsRemainEx = Math.Max(0, left - (_completedAtEnd - completed));

            int position = Math.Max(1, s.Position ?? 1);
            f.PlayerCarPosition = f.PlayerCarClassPosition = position;
            // Everyone's time-to-here at the snapshot's pace, so a gap stays the snapshot's gap across the line.
            Place(Player, _progress, position, LapTime);
            // The cars at the snapshot's gaps, at the player's pace (a gap is a gap, not a closing rate); they come
            // into the picture as the snapshot's lap starts, so every call of its lap knows them (the line's calls
            // too) and the battle calls they raise are its lap's. A snapshot just past the line is the line's calls:
            // cars that came earlier would have had a battle call made on the lap before, holding the line's news.
            if (_progress < _completedAtEnd) return;
            if (s.GapAhead is { } ahead) Place(Ahead, _progress + ahead / LapTime, Math.Max(1, position - 1), LapTime);
            if (s.GapBehind is { } behind) Place(Behind, _progress - behind / LapTime, position + 1, LapTime);
        }

        private void Place(int idx, double progress, int position, double lapTime)
        {
            var f = Frame;
            int c = (int)Math.Floor(progress);
            float cp = (float)(progress - c);
            f.CarIdxLapCompleted[idx] = c;
            f.CarIdxLap[idx] = c + 1;
            f.CarIdxLapDistPct[idx] = cp;
            f.CarIdxEstTime[idx] = (float)(cp * lapTime);
            f.CarIdxClass[idx] = 1;
            f.CarIdxTrackSurface[idx] = TrackSurface.OnTrack;
            f.CarIdxPosition[idx] = position;
            f.CarIdxClassPosition[idx] = position;
            if (idx != Player)
            {
                f.CarIdxLastLapTime[idx] = (float)lapTime;
                f.CarIdxBestLapTime[idx] = (float)lapTime;
            }
        }
    }

    /// <summary>
    /// The laps before the snapshot, oldest first, the last one the snapshot's last lap. The best is set on the oldest
    /// timed lap and the pace moves evenly from it to the last lap; a last lap at or under the best is a new best, so
    /// the laps before it were slower (by a margin no fact carries).
    /// </summary>
    private static double[] LapTimes(RaceSnapshot s, int completedAtEnd)
    {
        int n = Math.Clamp(completedAtEnd, 1, HistoryLaps);
        var laps = new double[n];
        double last = s.LastLapTime is > 0 ? s.LastLapTime.Value : s.BestLapTime is > 0 ? s.BestLapTime.Value : DefaultLapTime;
        double best = s.BestLapTime is > 0 ? s.BestLapTime.Value : last;
        if (last <= best + 0.05)
        {
            // The last lap is the best, or beats the best the snapshot knows (then that best is the oldest lap's).
            Array.Fill(laps, best + 0.4);
            if (last < best - 0.0005 && n > 1) laps[0] = best;
            laps[^1] = last;
            return laps;
        }
        for (int i = 0; i < n; i++) laps[i] = n == 1 ? last : best + (last - best) * i / (n - 1);
        return laps;
    }
}
