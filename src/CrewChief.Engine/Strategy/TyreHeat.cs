using System.Runtime.CompilerServices;
using CrewChief.Telemetry;

namespace CrewChief.Strategy;

/// <summary>
/// The few constants of the tread-surface heat balance. Fitted to the live surface channels of real .ibt files,
/// leave-one-file-out, by <c>bench/CrewChief.Bench/Tyres/TyreFit.cs</c> (figures in docs/tyres.md). No per-car or
/// per-track constant: the same balance has to hold on cars and tracks nobody here has a recording of.
/// </summary>
/// <param name="Gain">°C/s per unit of work (speed in m/s × load in g).</param>
/// <param name="RoadCooling">1/s: conduction into the track surface, present even at rest.</param>
/// <param name="AirCooling">1/s per m/s: convection into the air, grows with speed.</param>
/// <param name="RollingLoad">Load (g) every tyre works against with no cornering or braking (rolling, scrub).</param>
public readonly record struct TyreHeatParams(float Gain, float RoadCooling, float AirCooling, float RollingLoad)
{
    /// <summary>The fitted values (bench tyres-fit over ../shared/telemetry/ibt; see docs/tyres.md).</summary>
    public static TyreHeatParams Fitted => new(0.0450f, 0.0063f, 0.00268f, 1.14f);
}

/// <summary>
/// One step of the surface heat balance per tyre: work heats the tread (speed × the load that corner carries),
/// the track takes heat by conduction and the air by convection. Solved exactly over the step (the equilibrium is
/// approached exponentially), so any tick rate is stable. Pure maths: the engine's estimator and the fitting
/// tool call the same code.
/// </summary>
public static class TyreHeat
{
    private const float Gravity = 9.81f;
    /// <summary>Share of lateral load on the outside tyres (weight transfer; left turn = LatAccel &gt; 0 loads the right).</summary>
    private const float OutsideShare = 0.7f;
    private const float FrontBraking = 0.65f, FrontTraction = 0.2f;

    /// <summary>Load in g on <paramref name="corner"/> for the car's accelerations (m/s²; LatAccel + = left turn).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(TyreCorner corner, float latAccel, float longAccel, float rollingLoad)
    {
        float lat = latAccel / Gravity, lon = longAccel / Gravity;
        bool left = corner is TyreCorner.LeftFront or TyreCorner.LeftRear;
        bool front = corner is TyreCorner.LeftFront or TyreCorner.RightFront;
        float share = (lat > 0) != left ? OutsideShare : 1f - OutsideShare;
        float braking = lon < 0 ? -lon : 0, traction = lon > 0 ? lon : 0;
        float lonLoad = front ? braking * FrontBraking + traction * FrontTraction
                              : braking * (1f - FrontBraking) + traction * (1f - FrontTraction);
        return rollingLoad + MathF.Abs(lat) * share + lonLoad;
    }

    /// <summary>Surface temperature after <paramref name="dt"/> seconds at speed <paramref name="speed"/> (m/s).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Step(float temp, float load, float speed, float trackTemp, float airTemp, float dt, in TyreHeatParams p) =>
        Step(temp, load, speed, trackTemp, airTemp, in p, Decay(speed, dt, in p));

    /// <summary>
    /// How much of the distance to equilibrium is left after <paramref name="dt"/> seconds at <paramref name="speed"/>:
    /// the cooling rate depends on speed, not on a corner's load, so a tick works it out once for all four tyres.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Decay(float speed, float dt, in TyreHeatParams p)
    {
        float v = MathF.Max(0, speed);
        float k = p.RoadCooling + p.AirCooling * v;
        return MathF.Exp(-k * dt);
    }

    /// <summary>The step with its <see cref="Decay"/> already worked out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Step(float temp, float load, float speed, float trackTemp, float airTemp, in TyreHeatParams p, float decay)
    {
        float v = MathF.Max(0, speed);
        float road = p.RoadCooling, air = p.AirCooling * v;
        float k = road + air;
        float equilibrium = (p.Gain * v * load + road * trackTemp + air * airTemp) / k;
        return equilibrium + (temp - equilibrium) * decay;
    }
}
