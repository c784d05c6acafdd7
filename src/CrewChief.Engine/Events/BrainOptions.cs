namespace CrewChief.Events;

/// <summary>
/// Settings of the race brain. Immutable; <see cref="Validate"/> runs once when a <see cref="RaceBrain"/> is built,
/// so nothing on the tick path re-checks them.
/// </summary>
public sealed record BrainOptions
{
    public static readonly BrainOptions Default = new();

    /// <summary>Litres to keep in the tank at the flag (in-lap, tech check).</summary>
    public double FuelReserveLitres { get; init; } = 1.0;
    /// <summary>Clean laps averaged for fuel use.</summary>
    public int FuelWindowLaps { get; init; } = 5;
    /// <summary>Clean laps averaged for pace and its trend.</summary>
    public int PaceWindowLaps { get; init; } = 5;
    /// <summary>Largest save per lap, as a fraction of the lap's use, that is still worth asking for instead of a stop.</summary>
    public double MaxFuelSaveFraction { get; init; } = 0.10;
    /// <summary>Fuel laps left at or under which a fuel warning is raised (when the finish is out of reach).</summary>
    public double FuelWarningLaps { get; init; } = 3.0;
    /// <summary>Fuel laps left at or under which the critical call is raised.</summary>
    public double FuelCriticalLaps { get; init; } = 1.2;
    /// <summary>Every this many laps the fuel-to-finish status is given.</summary>
    public int FuelStatusEveryLaps { get; init; } = 5;

    /// <summary>
    /// Race seconds per wall-clock second: 1 live, N for a demo or replay at --speed N. A callout's worth is race
    /// time (a gap said 30 race seconds late is stale), and the speech queue drains on the wall clock, so at N× a
    /// callout lives 1/N as long on the wall clock; otherwise a fast replay piles up N times the callouts it can say.
    /// </summary>
    public double SimSpeed { get; init; } = 1;

    public Verbosity Verbosity { get; init; } = Verbosity.Full;
    /// <summary>Say less on lap 1 and in close battles (one verbosity step down).</summary>
    public bool AutoLowerVerbosity { get; init; } = true;
    /// <summary>Gap (s) ahead or behind under which a battle counts as close.</summary>
    public double CloseBattleGapSeconds { get; init; } = 1.0;
    /// <summary>Least time between two routine events; critical and spotter calls bypass it.</summary>
    public double GlobalCooldownSeconds { get; init; } = 4.0;
    /// <summary>Multiplies every per-kind default cooldown (0.5 = twice as chatty).</summary>
    public double CooldownScale { get; init; } = 1.0;
    /// <summary>Per-kind cooldowns (s) replacing the defaults.</summary>
    public IReadOnlyDictionary<EventKind, double>? CooldownOverrides { get; init; }

    /// <summary>Delay before "clear" so a flickering overlap does not make the spotter stutter.</summary>
    public double SpotterClearDelaySeconds { get; init; } = 0.15;
    /// <summary>Interval at which a continuing overlap is repeated as "still there".</summary>
    public double SpotterRepeatSeconds { get; init; } = 3.0;
    /// <summary>Lifetime of an overlap call: later than this it is wrong.</summary>
    public double SpotterCallTtlSeconds { get; init; } = 1.0;
    public double SpotterClearTtlSeconds { get; init; } = 2.0;

    /// <summary>Pit entry as a lap fraction when the track data knows it; learned from the first stop otherwise.</summary>
    public double? PitEntryPct { get; init; }
    /// <summary>Distance before pit entry by which the driver must have heard "box".</summary>
    public double PitCallLeadMetres { get; init; } = 250;
    /// <summary>Seconds kept back for speaking the call and the driver reacting.</summary>
    public double PitCallBufferSeconds { get; init; } = 3;
    public double PitCallAmberSeconds { get; init; } = 20;
    public double PitCallRedSeconds { get; init; } = 8;

    public float TyreColdC { get; init; } = 60;
    public float TyreHotC { get; init; } = 105;
    public float TyreWearWarningPct { get; init; } = 60;
    public float TyreWearCriticalPct { get; init; } = 80;
    /// <summary>Estimate tyre temperatures even where the source has the surface channels (what a live racer would hear).</summary>
    public bool TyreEstimateOnly { get; init; }
    /// <summary>
    /// An estimated tyre temperature is spoken as a number ("around 85, estimated") only when the estimate's fitted
    /// p95 error is at most this; otherwise tyre calls from the estimate are qualitative.
    /// </summary>
    public float TyreEstimateNumberMaxErrorC { get; init; } = 8;

    /// <summary>Quiet time after the last position change before a (batched) position call.</summary>
    public double PositionSettleSeconds { get; init; } = 2.0;
    /// <summary>"N laps to go" calls, besides the final lap.</summary>
    public IReadOnlyList<int> LapsToGoCalls { get; init; } = [10, 5, 2];
    /// <summary>Incident points that must accumulate before an incidents call.</summary>
    public int IncidentsStep { get; init; } = 4;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        Check(FuelReserveLitres is >= 0 and <= 50, nameof(FuelReserveLitres), FuelReserveLitres, "0..50 L");
        Check(FuelWindowLaps is >= 1 and <= 50, nameof(FuelWindowLaps), FuelWindowLaps, "1..50 laps");
        Check(PaceWindowLaps is >= 2 and <= 50, nameof(PaceWindowLaps), PaceWindowLaps, "2..50 laps");
        Check(MaxFuelSaveFraction is >= 0 and <= 0.5, nameof(MaxFuelSaveFraction), MaxFuelSaveFraction, "0..0.5");
        Check(FuelCriticalLaps is > 0 && FuelWarningLaps > FuelCriticalLaps, nameof(FuelWarningLaps), FuelWarningLaps, "greater than FuelCriticalLaps > 0");
        Check(FuelStatusEveryLaps >= 1, nameof(FuelStatusEveryLaps), FuelStatusEveryLaps, ">= 1");
        Check(Enum.IsDefined(Verbosity), nameof(Verbosity), Verbosity, "Low, Medium or Full");
        Check(CloseBattleGapSeconds is >= 0 and <= 10, nameof(CloseBattleGapSeconds), CloseBattleGapSeconds, "0..10 s");
        Check(GlobalCooldownSeconds is >= 0 and <= 60, nameof(GlobalCooldownSeconds), GlobalCooldownSeconds, "0..60 s");
        Check(SimSpeed is >= 1 and <= 1000, nameof(SimSpeed), SimSpeed, "1..1000");
        Check(CooldownScale is >= 0 and <= 10, nameof(CooldownScale), CooldownScale, "0..10");
        if (CooldownOverrides is not null)
            foreach (var (kind, seconds) in CooldownOverrides)
                Check(Enum.IsDefined(kind) && kind != EventKind.None && seconds is >= 0 and <= 3600, nameof(CooldownOverrides), seconds, $"a defined kind ({kind}) and 0..3600 s");
        Check(SpotterClearDelaySeconds is >= 0 and <= 2, nameof(SpotterClearDelaySeconds), SpotterClearDelaySeconds, "0..2 s");
        Check(SpotterRepeatSeconds is >= 0.5 and <= 30, nameof(SpotterRepeatSeconds), SpotterRepeatSeconds, "0.5..30 s");
        Check(SpotterCallTtlSeconds is > 0 and <= 5, nameof(SpotterCallTtlSeconds), SpotterCallTtlSeconds, "0..5 s");
        Check(SpotterClearTtlSeconds is > 0 and <= 10, nameof(SpotterClearTtlSeconds), SpotterClearTtlSeconds, "0..10 s");
        Check(PitEntryPct is null or (>= 0 and < 1), nameof(PitEntryPct), PitEntryPct ?? 0, "a lap fraction 0..1");
        Check(PitCallLeadMetres is >= 0 and <= 5000, nameof(PitCallLeadMetres), PitCallLeadMetres, "0..5000 m");
        Check(PitCallBufferSeconds is >= 0 and <= 30, nameof(PitCallBufferSeconds), PitCallBufferSeconds, "0..30 s");
        Check(PitCallRedSeconds >= 0 && PitCallAmberSeconds > PitCallRedSeconds, nameof(PitCallAmberSeconds), PitCallAmberSeconds, "greater than PitCallRedSeconds >= 0");
        Check(TyreColdC < TyreHotC, nameof(TyreColdC), TyreColdC, "below TyreHotC");
        Check(TyreWearWarningPct is > 0 and <= 100 && TyreWearCriticalPct > TyreWearWarningPct && TyreWearCriticalPct <= 100,
            nameof(TyreWearWarningPct), TyreWearWarningPct, "0 < warning < critical <= 100 %");
        Check(PositionSettleSeconds is >= 0 and <= 30, nameof(PositionSettleSeconds), PositionSettleSeconds, "0..30 s");
        Check(LapsToGoCalls is not null, nameof(LapsToGoCalls), 0, "a list (may be empty)");
        foreach (int n in LapsToGoCalls!) Check(n >= 2, nameof(LapsToGoCalls), n, "laps >= 2 (the final lap has its own call)");
        Check(IncidentsStep >= 1, nameof(IncidentsStep), IncidentsStep, ">= 1");
    }

    private static void Check(bool ok, string name, object value, string expected)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"BrainOptions.{name} must be {expected}.");
    }
}
