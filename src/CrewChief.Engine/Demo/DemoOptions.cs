namespace CrewChief.Demo;

/// <summary>How long the demo race lasts and which race it is. Validated once, at the boundary.</summary>
public sealed class DemoOptions
{
    public const double MinMinutes = 5, MaxMinutes = 15, DefaultMinutes = 8;
    public const int DefaultSeed = 1;

    /// <summary>Wall-clock length of the race at 1× (5–15); the lap count scales with it.</summary>
    public double Minutes { get; init; } = DefaultMinutes;

    /// <summary>Seeds every random choice (paces, grid, noise): the same seed gives the same race, frame for frame.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the bad value.</summary>
    public void Validate()
    {
        if (!(Minutes >= MinMinutes && Minutes <= MaxMinutes))
            throw new ArgumentOutOfRangeException(nameof(Minutes), Minutes, $"the demo race lasts {MinMinutes}-{MaxMinutes} minutes");
    }

    /// <summary>Race laps for <see cref="Minutes"/>: ~58 s a lap on average (a 54 s lap plus the stop, the off and
    /// the spin) after ~75 s of grid, parade and cool-down. Five laps at least: the script needs them.</summary>
    public int RaceLaps => Math.Clamp((int)Math.Round((Minutes * 60 - 75) / 58.0), 5, 15);
}
