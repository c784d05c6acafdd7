namespace CrewChief.Callouts;

/// <summary>Unit conversions shared by the filler and the grounding check, so both agree to the digit.</summary>
internal static class UnitFactors
{
    public const double GallonsPerLitre = 0.264172;
    public const double KmhPerMetrePerSecond = 3.6;
    public const double MphPerMetrePerSecond = 2.236936;
}
