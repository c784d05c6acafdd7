using CrewChief.Telemetry;

namespace CrewChief.Events;

/// <summary>
/// The moments a driver loses it, said at once: a spin, an off, a hit, and then a car coming while the player
/// rejoins. From the sim's own verdict where it has one (incident points: +1x off track, +2x loss of control, +4x
/// contact), else from the car's physics: sideslip (body-frame velocity angle), horizontal g and the track surface.
/// One call per moment: a worse kind (an off that becomes a spin that ends in the wall) upgrades it, a repeat of the
/// same or a milder kind within a few seconds does not.
/// </summary>
internal sealed class IncidentEvents : IEventDetector
{
    private const double Gravity = 9.80665;
    /// <summary>Sideslip beyond any racing slide (real files: ≤ 20° at speed when in control), held a few ticks.</summary>
    private const double SpinSlipDegrees = 25;
    private const int SpinTicks = 3;
    private const double SpinYawRate = 2.5;
    /// <summary>Below this the slip angle is parking, not a spin.</summary>
    private const float SpinMinSpeed = 11f;
    /// <summary>Horizontal g no tyre gives (real files: ≤ 3.5 g on banked ovals); a wall or another car does.</summary>
    private const double ImpactG = 5.0;
    private const float OffTrackMinSpeed = 5f;
    /// <summary>How long one moment lasts: later triggers of the same or a milder kind belong to it.</summary>
    private const double MomentSeconds = 4;
    /// <summary>After a moment, how long a slow or off-track car is still rejoining.</summary>
    private const double RejoinWatchSeconds = 10;
    /// <summary>Slower than this the car is still getting going again.</summary>
    private const float RejoinSlowSpeed = 15f;
    /// <summary>A car this far behind on the lap (or closer) is on the player before the player is up to speed.</summary>
    private const double CarComingMetres = 200;

    private int _lastIncidents = -1;
    private TrackSurface _prevSurface = TrackSurface.NotInWorld;
    private int _slipTicks;
    private double _momentUntil = double.NegativeInfinity;
    private int _momentRank;
    private double _rejoinUntil = double.NegativeInfinity;
    private bool _carComingCalled;

    public void Reset()
    {
        _lastIncidents = -1;
        _prevSurface = TrackSurface.NotInWorld;
        _slipTicks = 0;
        _momentUntil = _rejoinUntil = double.NegativeInfinity;
        _momentRank = 0;
        _carComingCalled = false;
    }

    public void Detect(in TickContext ctx, EventEmitter emit)
    {
        var f = ctx.Frame;
        if (!ctx.InWorld || ctx.Strategy.Laps.ResetThisTick)
        {
            // A reset or tow puts the car somewhere else: nothing before it says anything about what comes next.
            _slipTicks = 0;
            _prevSurface = TrackSurface.NotInWorld;
            _lastIncidents = ctx.Has(TelemetryChannels.Incidents) ? f.PlayerCarMyIncidentCount : -1;
            return;
        }
        double t = ctx.Time;

        if (ctx.Has(TelemetryChannels.Incidents))
        {
            int n = f.PlayerCarMyIncidentCount;
            if (_lastIncidents >= 0 && n > _lastIncidents)
            {
                int added = n - _lastIncidents;
                var kind = added >= 4 ? EventKind.Contact : added >= 2 ? EventKind.Spin : EventKind.OffTrack;
                Raise(ctx, emit, kind, added);
            }
            _lastIncidents = n;
        }

        bool racing = !f.OnPitRoad;
        if (ctx.Has(TelemetryChannels.Velocities) && racing && f.Speed > SpinMinSpeed)
        {
            double slip = Math.Atan2(Math.Abs(f.VelocityY), f.VelocityX) * (180 / Math.PI);
            _slipTicks = slip >= SpinSlipDegrees ? _slipTicks + 1 : 0;
            if (_slipTicks == SpinTicks) Raise(ctx, emit, EventKind.Spin, 0);
        }
        else if (!ctx.Has(TelemetryChannels.Velocities) && ctx.Has(TelemetryChannels.YawRate) && racing && f.Speed > SpinMinSpeed)
        {
            // Without body velocities: rotation far faster than any corner turns the car (a hairpin at speed is
            // about 1 rad/s; real spins in the files run 2 to 8).
            _slipTicks = Math.Abs(f.YawRate) >= SpinYawRate ? _slipTicks + 1 : 0;
            if (_slipTicks == SpinTicks) Raise(ctx, emit, EventKind.Spin, 0);
        }
        else _slipTicks = 0;

        if (ctx.Has(TelemetryChannels.Accelerations) && racing)
        {
            double g = Math.Sqrt((double)f.LatAccel * f.LatAccel + (double)f.LongAccel * f.LongAccel) / Gravity;
            if (g >= ImpactG) Raise(ctx, emit, EventKind.Contact, 0);
        }

        if (ctx.Has(TelemetryChannels.PlayerTrackSurface))
        {
            var surface = f.PlayerTrackSurface;
            if (_prevSurface == TrackSurface.OnTrack && surface == TrackSurface.OffTrack && f.Speed > OffTrackMinSpeed)
                Raise(ctx, emit, EventKind.OffTrack, 0);
            _prevSurface = surface;
        }

        if (t < _rejoinUntil && !_carComingCalled) WatchRejoin(ctx, emit);
    }

    private static int Rank(EventKind kind) => kind switch
    {
        EventKind.OffTrack => 1,
        EventKind.Spin => 2,
        _ => 3,
    };

    private void Raise(in TickContext ctx, EventEmitter emit, EventKind kind, int incidentsAdded)
    {
        double t = ctx.Time;
        int rank = Rank(kind);
        if (t < _momentUntil && rank <= _momentRank)
        {
            _momentUntil = t + MomentSeconds;
            return;
        }
        var facts = new FactSet();
        if (ctx.Has(TelemetryChannels.Incidents))
        {
            facts.Set(FactKey.Incidents, ctx.Frame.PlayerCarMyIncidentCount);
            if (incidentsAdded > 0) facts.Set(FactKey.IncidentsAdded, incidentsAdded);
        }
        facts.Set(FactKey.Speed, Math.Round(ctx.Frame.Speed, 1));
        if (!emit.TryRaise(kind, in facts)) return;
        _momentUntil = t + MomentSeconds;
        _momentRank = rank;
        _rejoinUntil = t + RejoinWatchSeconds;
        _carComingCalled = false;
    }

    /// <summary>
    /// While the player is slow or off the track after a moment, a car close behind on the lap is about to arrive
    /// where the player rejoins (live map only: .ibt files carry no other cars).
    /// </summary>
    private void WatchRejoin(in TickContext ctx, EventEmitter emit)
    {
        var f = ctx.Frame;
        if (!ctx.Has(TelemetryChannels.CarIdx)) return;
        // Still sliding at speed is not rejoining yet: the warning is for a car getting going again.
        bool rejoining = f.Speed < RejoinSlowSpeed;
        double length = ctx.Strategy.TrackLengthM;
        if (!rejoining || !(length > 0)) return;
        int me = ctx.Strategy.PlayerCarIdx;
        float myPct = f.LapDistPct;
        int nearest = -1;
        double nearestMetres = double.MaxValue;
        for (int i = 0; i < ctx.Strategy.CarSlots; i++)
        {
            if (i == me || f.CarIdxTrackSurface[i] != TrackSurface.OnTrack || f.CarIdxOnPitRoad[i]) continue;
            double behind = myPct - f.CarIdxLapDistPct[i];
            if (behind < 0) behind += 1;
            double metres = behind * length;
            if (metres < nearestMetres) { nearestMetres = metres; nearest = i; }
        }
        if (nearest < 0 || nearestMetres > CarComingMetres) return;
        var facts = new FactSet();
        ctx.AddCar(ref facts, nearest);
        _carComingCalled = emit.TryRaise(EventKind.CarComing, in facts);
    }
}
