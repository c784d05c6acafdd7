using CrewChief.Telemetry;

namespace CrewChief.Demo;

/// <summary>
/// Makes the <see cref="DemoTimeline"/> happen to the player: nudges paces (a chaser from behind, then the player
/// pushing), triggers the off, the spin, the yellow, the lap-1 overlaps and the backmarker's spin, runs the pit
/// limiter, measures the tyres at the stop, and turns what the frame shows into <see cref="DemoSituation"/>s.
/// Owned by <see cref="DemoRace"/> and called on its thread only.
/// </summary>
internal sealed class DemoPlayerScript
{
    private const float CloseEnter = 1.0f, CloseLeave = 1.4f, OverlapMetres = 5.5f;

    private readonly DemoRace _race;
    private readonly DemoTimeline _timeline;
    private readonly DemoTrack _track;
    private double _prevPlayerDist = double.NegativeInfinity;
    private double _prevBackDist = double.NegativeInfinity;
    private int _chaser = -1;
    private bool _chaseDone, _pushing;
    private int _pushStartPosition;
    private int _overlapStep = -1;
    private double _overlapUntil;
    private double _yellowUntil = -1, _greenUntil = -1;
    private bool _yellowLogged, _greenLogged;
    private double _limiterForgottenUntil = -1;
    /// <summary>The black flag for speeding on pit entry: shown from the offence until the penalty hold in the stall ends.</summary>
    private double _blackFrom = -1, _blackUntil = double.MaxValue;
    private bool _blackLogged;
    private bool _limiterOnLogged = true;
    private bool _fuelLowLogged, _whiteLogged, _checkeredLogged;
    private int _lastPosition, _lastIncidents;
    private int _closeAhead = -1, _closeBehind = -1;
    private CarLeftRight _lastLeftRight;
    /// <summary>A tyre deflates on <see cref="DemoTimeline.PunctureLap"/>: the player limps (to a tyre stop if the flag is not out first).</summary>
    private bool _punctured;
    /// <summary>The car a lap up now close behind the player (blue flag shown), or -1.</summary>
    private int _blueFor = -1;

    public DemoPlayerScript(DemoRace race, DemoTimeline timeline, DemoTrack track)
    {
        _race = race;
        _timeline = timeline;
        _track = track;
    }

    public int Incidents { get; private set; }
    public CarLeftRight LeftRight { get; private set; }
    /// <summary>The player's tyre channels: what the crew last measured (spawn, then each stop).</summary>
    public float[] MeasuredTemp { get; } = new float[12];
    public float[] MeasuredWear { get; } = new float[12];
    public bool TyresMeasured { get; private set; }

    public bool LimiterOn(DemoCar player, double t) => player.OnPitRoad && t >= _limiterForgottenUntil;

    public SessionFlags Flags(double t)
    {
        var flags = SessionFlags.StartHidden;
        double green = _race.GreenTime;
        if (green < 0)
            return _race.State == SessionState.ParadeLaps ? SessionFlags.OneLapToGreen | SessionFlags.StartSet : flags;
        if (t - green < 4) flags = SessionFlags.Green | SessionFlags.StartGo;
        if (t < _yellowUntil) flags |= SessionFlags.Yellow | SessionFlags.YellowWaving;
        else if (t < _greenUntil) flags |= SessionFlags.Green;
        if (_blackFrom >= 0 && t >= _blackFrom && t < _blackUntil) flags |= SessionFlags.Black;
        if (_blueFor >= 0) flags |= SessionFlags.Blue;
        if (_race.LeaderFinished) flags |= SessionFlags.Checkered;
        else if (_race.WhiteShown) flags |= SessionFlags.White;
        return flags;
    }

    public bool MayPass(DemoCar car) => car.CarIdx != DemoRace.PlayerIdx || _race.SessionTime >= _yellowUntil;

    public float PitLaneSpeed(DemoCar car, float limit, double t) =>
        car.CarIdx == DemoRace.PlayerIdx && t < _limiterForgottenUntil ? limit * 1.22f : limit - 0.15f;

    /// <summary>The player's extra stop: limping in on the punctured tyre, after the fuel stop.</summary>
    public bool NeedsTyreStop(DemoCar car) => _punctured && car.Stops == 1;

    public void OnPitEntry(DemoCar car, double t)
    {
        if (car.CarIdx != DemoRace.PlayerIdx) return;
        _race.Log(DemoSituationKind.PitEntry, 0);
        _blueFor = -1;
        if (car.Stops > 0) return;   // the tyre stop: limiter on this time, the fuel-save pace stays
        _limiterForgottenUntil = t + _timeline.LimiterForgottenSeconds;
        // Over the limit for a second is an offence: black flag, served as a hold in the box (the stop is now).
        _blackFrom = t + _timeline.SpeedingFlagSeconds;
        _limiterOnLogged = false;
        _race.Log(DemoSituationKind.PitLimiterForgotten, 0);
        _pushing = false;
        car.Bias = 0;
    }

    /// <summary>Litres the crew fills to: the player's stop is short-filled (quicker), to be made up by saving.</summary>
    public float FuelToFill(DemoCar car, float planned)
    {
        if (car.CarIdx != DemoRace.PlayerIdx) return planned;
        if (car.Stops > 0) return car.Fuel;   // the tyre stop: no fuel, the short fill is still being saved
        int lapsAfter = _timeline.RaceLaps - _timeline.PitLap;
        return MathF.Min(car.MaxFuel, car.FuelPerLap * lapsAfter * (1f - _timeline.ShortFillFraction) + 1f);
    }

    public void OnPitStall(DemoCar car, double t)
    {
        if (car.CarIdx != DemoRace.PlayerIdx) return;
        Measure(car);
        if (_blackFrom >= 0 && car.Stops == 0)
        {
            car.StateUntil += _timeline.PenaltyHoldSeconds;
            _blackUntil = car.StateUntil;
        }
        _race.Log(DemoSituationKind.PitStall, (int)(car.FuelTarget * 10));
    }

    /// <summary>The crew reads the set just fitted before the car leaves: the channels describe the tyres it drives on.</summary>
    public void OnServiceDone(DemoCar car)
    {
        if (car.CarIdx != DemoRace.PlayerIdx) return;
        Measure(car);
        car.PaceFactor = 1f;
    }

    public void OnPitExit(DemoCar car, double t)
    {
        if (car.CarIdx != DemoRace.PlayerIdx) return;
        _race.Log(DemoSituationKind.PitExit, 0);
        car.Bias = _timeline.FuelSaveSeconds;
        if (car.Stops > 1) return;
        _fuelLowLogged = false;
        car.FuelPerLap *= 1f - _timeline.FuelSaveFraction;
    }

    public void OnPlayerLap(float lapTime, float previousBest, double t)
    {
        _race.Log(DemoSituationKind.LapCompleted, (int)(lapTime * 1000));
        if (previousBest > 0 && lapTime < previousBest) _race.Log(DemoSituationKind.PersonalBest, (int)(lapTime * 1000));
    }

    public float AdjustLapBase(DemoCar car, float lap)
    {
        if (car.CarIdx == DemoRace.PlayerIdx && car.LapCompleted + 1 == _timeline.PersonalBestLap && car.BestLap > 0)
            return MathF.Min(lap, car.BestLap - 0.45f);
        return lap;
    }

    /// <summary>Spreads the tyres' true state into the 12 channels the way a crew reads them (edges differ).</summary>
    private void Measure(DemoCar car)
    {
        for (int corner = 0; corner < 4; corner++)
        {
            // Clockwise track: left-side tyres work harder; fronts run a little hotter on the outside edge.
            float load = corner is (int)TyreCorner.LeftFront or (int)TyreCorner.LeftRear ? 1.06f : 0.97f;
            for (int i = 0; i < 3; i++)
            {
                float edge = i == 1 ? 1.02f : i == 0 ? 0.98f : 1.0f;
                MeasuredTemp[corner * 3 + i] = car.TyreTemp * load * edge;
                MeasuredWear[corner * 3 + i] = 1f - (1f - car.Wear) * load * (i == 1 ? 0.9f : 1.05f);
            }
        }
        TyresMeasured = true;
    }

    /// <summary>Runs after every car has moved: triggers scripted situations at their laps and places.</summary>
    public void AfterMove(double t)
    {
        var player = _race.Player;
        if (!TyresMeasured && t >= 1.0) Measure(player);   // the crew's reading at spawn: cold, unworn

        int lap = player.LapCompleted + 1;
        bool crossed(float pct) => Crossed(_prevPlayerDist, player.Dist, pct);
        if (player.State == DemoCarState.Racing && player.Dist > 0)
        {
            if (lap == 1 && _overlapStep < 0 && crossed(_timeline.StartOverlapPct))
            {
                _overlapStep = 0;
                _overlapUntil = t + DemoTimeline.StartOverlaps[0].Seconds;
            }
            if (lap == _timeline.FirstIncidentLap && crossed(_timeline.FirstIncidentPct)) GoOff(player, t, 1.5, 1);
            if (lap == _timeline.SecondIncidentLap && crossed(_timeline.SecondIncidentPct)) GoOff(player, t, 2.2, 4);
            if (lap == _timeline.PunctureLap && !_punctured && crossed(_timeline.PuncturePct))
            {
                _punctured = true;
                _race.Log(DemoSituationKind.Puncture, 0);
            }
            if (lap == _timeline.YellowLap && _yellowUntil < 0 && crossed(_timeline.YellowPct))
            {
                _yellowUntil = t + _timeline.YellowSeconds;
                _greenUntil = _yellowUntil + _timeline.GreenSeconds;
            }
        }
        if (_overlapStep >= 0 && _overlapStep < DemoTimeline.StartOverlaps.Length && t >= _overlapUntil)
        {
            _overlapStep++;
            if (_overlapStep >= DemoTimeline.StartOverlaps.Length) _overlapStep = int.MaxValue;
            else _overlapUntil = t + DemoTimeline.StartOverlaps[_overlapStep].Seconds;
        }
        _prevPlayerDist = player.Dist;

        var back = _race.Car(DemoRace.BackmarkerIdx);
        if (back.State == DemoCarState.Racing && back.LapCompleted == 0 && Crossed(_prevBackDist, back.Dist, 0.14f))
        {
            back.State = DemoCarState.Off;
            back.StateUntil = double.MaxValue;
            back.Bias = 2.0f;
        }
        if (back.State == DemoCarState.Off && back.StateUntil == double.MaxValue
            && player.Dist - back.Dist >= _timeline.BackmarkerReleaseLaps * _track.LengthM)
            back.StateUntil = t;
        _prevBackDist = back.Dist;

        RunChaseAndPush(player, lap);
        if (_punctured && player.Stops == 1) Limp(player);
        UpdateBlue(player);
        LeftRight = ComputeLeftRight(player);
    }

    private bool Crossed(double before, double after, float pct)
    {
        if (before == double.NegativeInfinity || after < 0) return false;
        double length = _track.LengthM;
        double mark = (Math.Floor(after / length) + pct) * length;
        return before < mark && after >= mark;
    }

    private void GoOff(DemoCar player, double t, double seconds, int incidents)
    {
        player.State = DemoCarState.Off;
        player.StateUntil = t + seconds;
        player.Passing = -1;
        Incidents += incidents;
    }

    /// <summary>
    /// A puncture: the player limps the rest of the lap towards the pits. How hard it limps (a deflating tyre is
    /// anything from 40 to 80 % of racing speed) is set so that the car leading on the road, a lap up by then, catches the
    /// player just before the pit entry: the blue flag and "car a lap up behind" then happen on the road. The pace
    /// eases down rather than steps: a step in speed would be an impossible spike in LongAccel.
    /// </summary>
    private void Limp(DemoCar player)
    {
        float length = _track.LengthM;
        double playerPct = _race.Pct(player.Dist);
        float want = player.PaceFactor;
        if (player.State == DemoCarState.Racing && playerPct < _timeline.BlueCatchPct && playerPct > _timeline.PuncturePct - 0.01)
        {
            DemoCar? leader = null;
            for (int i = 1; i <= DemoRace.RacingCars; i++)
            {
                var car = _race.Car(i);
                if (i == DemoRace.PlayerIdx || car.State != DemoCarState.Racing || car.Dist >= player.Dist + length) continue;
                if (leader is null || car.Dist > leader.Dist) leader = car;
            }
            if (leader is not null)
            {
                double ahead = leader.Dist - player.Dist;
                ahead -= Math.Floor(ahead / length) * length;           // the leader's lead on the road, 0..length
                double toCatch = (_timeline.BlueCatchPct - playerPct) * length;
                // The leader covers the rest of a lap plus the player's limp in the time the player limps it.
                double leaderTime = (toCatch + length - ahead) / length * leader.LapTarget;
                double normalTime = toCatch / length * player.LapTarget;
                want = (float)Math.Clamp(normalTime / leaderTime, 0.4, 0.8);
            }
        }
        float step = 0.06f * (float)DemoRace.TickSeconds;
        player.PaceFactor += Math.Clamp(want - player.PaceFactor, -step, step);
    }

    /// <summary>
    /// Blue flag on the player while a car a lap up is within <see cref="DemoTimeline.BlueFlagSeconds"/> behind on
    /// the road, until it has passed. The player yields: it holds its line and never fights a car a lap up, which
    /// passes at once (<see cref="DemoRace"/> lets a car by a lapped one without waiting for a straight).
    /// </summary>
    private void UpdateBlue(DemoCar player)
    {
        float length = _track.LengthM;
        if (_blueFor >= 0)
        {
            var lapping = _race.Car(_blueFor);
            double up = lapping.Dist - player.Dist;
            if (up > length + 8 || up < length / 2 || !lapping.IsRunning || lapping.OnPitRoad || player.State != DemoCarState.Racing) _blueFor = -1;
            return;
        }
        if (player.State != DemoCarState.Racing || _race.GreenTime < 0 || _race.LeaderFinished) return;
        for (int i = 1; i <= DemoRace.RacingCars; i++)
        {
            var car = _race.Car(i);
            if (i == DemoRace.PlayerIdx || car.State != DemoCarState.Racing) continue;
            double up = car.Dist - player.Dist;
            if (up < length / 2 || up > length) continue;
            double behind = length - up;                              // on the road, metres
            if (behind <= _timeline.BlueFlagSeconds * MathF.Max(car.Speed, 10f))
            {
                _blueFor = i;
                _race.Log(DemoSituationKind.BlueFlag, (int)(behind / MathF.Max(car.Speed, 10f) * 1000), i);
                return;
            }
        }
    }

    private void RunChaseAndPush(DemoCar player, int lap)
    {
        if (player.State != DemoCarState.Racing && player.State != DemoCarState.Off) return;
        if (!_chaseDone && _chaser < 0 && lap >= _timeline.ChaseLap && player.Position < DemoRace.RacingCars)
        {
            _chaser = _race.OrderAt(player.Position);      // the car one place behind
            _race.Car(_chaser).Bias = -1.6f;
        }
        if (_chaser >= 0 && !_chaseDone)
        {
            var chaser = _race.Car(_chaser);
            double lead = chaser.Dist - player.Dist;
            bool passed = chaser.Position < player.Position && lead > 30;
            if (passed || chaser.OnPitRoad || lap >= _timeline.ChaseLap + 3)
            {
                chaser.Bias = passed ? -0.4f : 0f;
                _chaseDone = true;
                _pushing = true;
                _pushStartPosition = player.Position;
            }
        }
        if (_pushing)
        {
            player.Bias = -1.3f;
            if (player.Position <= _pushStartPosition - 2 || lap >= _timeline.SecondIncidentLap)
            {
                _pushing = false;
                player.Bias = 0;
            }
        }
    }

    private CarLeftRight ComputeLeftRight(DemoCar player)
    {
        if (_race.State is SessionState.GetInCar or SessionState.Warmup || player.OnPitRoad) return CarLeftRight.Off;
        if (_overlapStep >= 0 && _overlapStep < DemoTimeline.StartOverlaps.Length) return DemoTimeline.StartOverlaps[_overlapStep].Value;
        int left = 0, right = 0;
        double length = _track.LengthM;
        for (int i = 1; i <= DemoRace.RacingCars; i++)
        {
            var car = _race.Car(i);
            if (i == DemoRace.PlayerIdx || car.State is not (DemoCarState.Racing or DemoCarState.Off or DemoCarState.Finished)) continue;
            double gap = car.Dist - player.Dist;
            gap -= Math.Round(gap / length) * length;
            if (Math.Abs(gap) >= OverlapMetres) continue;
            if ((i & 1) == 0) left++; else right++;
        }
        return (left, right) switch
        {
            (0, 0) => CarLeftRight.Clear,
            (1, 0) => CarLeftRight.CarLeft,
            (0, 1) => CarLeftRight.CarRight,
            (0, _) => CarLeftRight.TwoCarsRight,
            (_, 0) => CarLeftRight.TwoCarsLeft,
            _ => CarLeftRight.CarLeftRight,
        };
    }

    /// <summary>Turns the frame just written into situations (edges only, so each is logged once).</summary>
    public void Detect(double t, TelemetryFrame f)
    {
        var player = _race.Player;
        bool racing = _race.GreenTime >= 0 && player.State != DemoCarState.Finished;

        if (Incidents != _lastIncidents)
        {
            _lastIncidents = Incidents;
            _race.Log(DemoSituationKind.Incident, Incidents);
            _race.BumpSessionInfo();
        }

        if (racing && _lastPosition > 0 && f.PlayerCarPosition != _lastPosition)
        {
            _race.Log(f.PlayerCarPosition < _lastPosition ? DemoSituationKind.PositionGained : DemoSituationKind.PositionLost, f.PlayerCarPosition);
        }
        if (_race.GreenTime >= 0) _lastPosition = f.PlayerCarPosition;

        bool onTrack = racing && player.State == DemoCarState.Racing;
        _closeAhead = Close(onTrack, player.Position - 1, _closeAhead, ahead: true, f, t);
        _closeBehind = Close(onTrack, player.Position + 1, _closeBehind, ahead: false, f, t);

        if (f.CarLeftRight != _lastLeftRight)
        {
            if (f.CarLeftRight >= CarLeftRight.CarLeft) _race.Log(DemoSituationKind.Overlap, (int)f.CarLeftRight);
            else if (f.CarLeftRight == CarLeftRight.Clear && _lastLeftRight >= CarLeftRight.CarLeft) _race.Log(DemoSituationKind.OverlapClear, 1);
            _lastLeftRight = f.CarLeftRight;
        }

        if (!_yellowLogged && _yellowUntil > 0 && t < _yellowUntil) { _yellowLogged = true; _race.Log(DemoSituationKind.YellowFlag, 0); }
        if (!_greenLogged && _yellowUntil > 0 && t >= _yellowUntil) { _greenLogged = true; _race.Log(DemoSituationKind.GreenAfterYellow, 0); }
        if (!_blackLogged && (f.SessionFlags & SessionFlags.Black) != 0) { _blackLogged = true; _race.Log(DemoSituationKind.BlackFlag, (int)_timeline.PenaltyHoldSeconds); }
        if (!_limiterOnLogged && player.OnPitRoad && t >= _limiterForgottenUntil) { _limiterOnLogged = true; _race.Log(DemoSituationKind.PitLimiterOn, 0); }
        if (!_fuelLowLogged && racing && f.FuelLevel < 2f * player.FuelPerLap) { _fuelLowLogged = true; _race.Log(DemoSituationKind.FuelLow, (int)(f.FuelLevel * 10)); }
        if (!_whiteLogged && _race.WhiteShown) { _whiteLogged = true; _race.Log(DemoSituationKind.WhiteFlag, 0); }
        if (!_checkeredLogged && player.FinishOrder > 0) { _checkeredLogged = true; _race.Log(DemoSituationKind.Checkered, f.PlayerCarPosition); }

        if (racing && player.State == DemoCarState.Racing)
        {
            double length = _track.LengthM;
            for (int i = 1; i <= DemoRace.RacingCars; i++)
            {
                var car = _race.Car(i);
                if (i == DemoRace.PlayerIdx || !car.IsRunning || car.FinishOrder > 0) continue;
                int down = (int)Math.Floor((player.Dist - car.Dist) / length);
                if (down > _race.LapsDown(i))
                {
                    _race.SetLapsDown(i, down);
                    _race.Log(DemoSituationKind.LappingCar, down, i);
                }
            }
        }
    }

    private int Close(bool onTrack, int position, int current, bool ahead, TelemetryFrame f, double t)
    {
        if (!onTrack || position < 1 || position > DemoRace.RacingCars) return -1;
        int other = _race.OrderAt(position - 1);
        if (!_race.Car(other).IsRunning || _race.Car(other).OnPitRoad) return -1;
        float gap = ahead ? f.CarIdxF2Time[DemoRace.PlayerIdx] - f.CarIdxF2Time[other] : f.CarIdxF2Time[other] - f.CarIdxF2Time[DemoRace.PlayerIdx];
        if (current == other) return gap > CloseLeave ? -1 : other;
        if (gap >= 0 && gap < CloseEnter)
        {
            _race.Log(ahead ? DemoSituationKind.CarCloseAhead : DemoSituationKind.CarCloseBehind, (int)(gap * 1000), other);
            return other;
        }
        return -1;
    }
}
