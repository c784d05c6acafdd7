namespace CrewChief.Strategy;

/// <summary>
/// What earlier sessions with this car at this track measured, used until this session measures its own:
/// fuel per clean lap and the pit-lane loss (NaN when never measured), and the best clean lap ever (a personal best
/// across sessions). <see cref="Source"/> is how the engineer names where they came from ("last session").
/// </summary>
/// <param name="SessionsAgo">1 when the fuel figure is from the last session with this car and track, 2+ from an earlier one.</param>
public sealed record StrategyPriors(double FuelPerLap, double PitLaneLoss, double PersonalBest, string Source, int Sessions, int SessionsAgo = 1)
{
    public bool HasAny => FuelPerLap > 0 || PitLaneLoss > 0 || PersonalBest > 0;
}
