namespace CrewChief.Callouts;

/// <summary>
/// What a car has and how it likes to be driven. Advice and systems talk are gated on these: a callout never
/// mentions a system (DRS, deployment, push-to-pass) the car lacks.
/// </summary>
[Flags]
public enum CarTraits : ushort
{
    None = 0,
    FrontEngine = 1 << 0,
    MidEngine = 1 << 1,
    RearEngine = 1 << 2,
    Awd = 1 << 3,
    Hybrid = 1 << 4,
    HighDownforce = 1 << 5,
    StrongBrakes = 1 << 6,
    DraftDependent = 1 << 7,
    MomentumCar = 1 << 8,
    Drs = 1 << 9,
    PushToPass = 1 << 10,
}

/// <summary>How hard a car is on its tyres over a stint.</summary>
public enum TyreWearTendency : byte
{
    Medium = 0,
    Low,
    High,
}
