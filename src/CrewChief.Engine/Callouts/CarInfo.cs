namespace CrewChief.Callouts;

/// <summary>One car of the catalog, named as iRacing names it (CarScreenName and CarPath).</summary>
public sealed class CarInfo
{
    public CarInfo(string screenName, string path, string className, CarTraits traits, TyreWearTendency tyreWear)
    {
        ScreenName = screenName;
        Path = path;
        ClassName = className;
        Traits = traits;
        TyreWear = tyreWear;
    }

    public string ScreenName { get; }
    public string Path { get; }
    public string ClassName { get; }
    public CarTraits Traits { get; }
    public TyreWearTendency TyreWear { get; }

    public bool Has(CarTraits trait) => (Traits & trait) == trait;

    /// <summary>A car we know nothing about: no systems, so nothing system-specific is ever said.</summary>
    public static CarInfo Unknown(string name) => new(name, "", "", CarTraits.None, TyreWearTendency.Medium);

    /// <summary>Parses a trait word as the data file and the eval set write it ("rear_engine", "hybrid", ...).</summary>
    public static bool TryParseTrait(ReadOnlySpan<char> word, out CarTraits trait)
    {
        trait = word.Trim() switch
        {
            "front_engine" => CarTraits.FrontEngine,
            "mid_engine" => CarTraits.MidEngine,
            "rear_engine" => CarTraits.RearEngine,
            "awd" => CarTraits.Awd,
            "hybrid" => CarTraits.Hybrid,
            "high_downforce" => CarTraits.HighDownforce,
            "strong_brakes" => CarTraits.StrongBrakes,
            "draft_dependent" => CarTraits.DraftDependent,
            "momentum" => CarTraits.MomentumCar,
            "drs" => CarTraits.Drs,
            "push_to_pass" => CarTraits.PushToPass,
            _ => CarTraits.None,
        };
        return trait != CarTraits.None;
    }

    /// <summary>The traits as the eval snapshot names them (front_engine, hybrid, ...), for logs and training data.</summary>
    public List<string> TraitNames()
    {
        var names = new List<string>();
        foreach (var (name, trait) in (ReadOnlySpan<(string, CarTraits)>)[
            ("front_engine", CarTraits.FrontEngine), ("mid_engine", CarTraits.MidEngine), ("rear_engine", CarTraits.RearEngine),
            ("awd", CarTraits.Awd), ("hybrid", CarTraits.Hybrid), ("high_downforce", CarTraits.HighDownforce),
            ("strong_brakes", CarTraits.StrongBrakes), ("draft_dependent", CarTraits.DraftDependent), ("momentum", CarTraits.MomentumCar),
            ("drs", CarTraits.Drs), ("push_to_pass", CarTraits.PushToPass)])
        {
            if (Has(trait)) names.Add(name);
        }
        return names;
    }

    public override string ToString() => ScreenName;
}
