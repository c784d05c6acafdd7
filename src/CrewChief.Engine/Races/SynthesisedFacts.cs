using CrewChief.Events;

namespace CrewChief.Races;

/// <summary>
/// Which events a race-timing replay made up rather than measured: those about the player's fuel, tyres, pedals,
/// speed, incidents, temperatures and the spotter (the timing has none of them, <see cref="SynthesisedPlayer"/>
/// invents them). Replay JSON marks an event whose whole subject is made up <c>"synthesised": true</c> (a fuel
/// warning, a tyre call, the spotter) and lists the made-up facts of any other event in <c>"synthesisedFacts"</c>
/// (a pit entry is real, the fuel level it quotes is not), so that no claim about them is judged as a fact about
/// the race. Event kinds added later count as measured; their synthesised facts are still listed.
/// </summary>
public static class SynthesisedFacts
{

    public static bool IsSynthesisedKind(EventKind kind) => kind switch
    {
        EventKind.TyreCold or EventKind.TyreOptimal or EventKind.TyreHot or EventKind.TyreWearWarning or EventKind.TyreWearCritical => true,
        EventKind.FuelWarning or EventKind.FuelCritical or EventKind.FuelToFinish or EventKind.FuelSaveTarget => true,
        EventKind.PitWindowOpen or EventKind.BoxThisLap or EventKind.PitLimiterMissing or EventKind.IncidentsRising => true,
        EventKind.SpotterCarLeft or EventKind.SpotterCarRight or EventKind.SpotterThreeWide or EventKind.SpotterTwoCarsLeft
            or EventKind.SpotterTwoCarsRight or EventKind.SpotterStillThere or EventKind.SpotterClear => true,
        _ => false,
    };

    public static bool IsSynthesisedKey(FactKey key) => key switch
    {
        FactKey.FuelLevel or FactKey.FuelPerLap or FactKey.FuelLapsLeft or FactKey.FuelToFinish or FactKey.FuelToAdd
            or FactKey.FuelSavePerLap or FactKey.StopsNeeded or FactKey.PitWindowOpenLap or FactKey.PitWindowCloseLap => true,
        FactKey.TyreCorner or FactKey.TyreTemp or FactKey.TyreWear => true,
        FactKey.Speed or FactKey.PitSpeedLimit or FactKey.CarsLeft or FactKey.CarsRight => true,
        FactKey.TrackTemp or FactKey.AirTemp or FactKey.Incidents or FactKey.IncidentsAdded or FactKey.IncidentLimit => true,
        _ => false,
    };

    /// <summary>The player channels a race-timing replay synthesises, for the summary's <c>synthesised</c> list.</summary>
    public static readonly string[] Channels = ["fuel", "tyres", "inputs", "speed", "spotter", "temperatures", "incidents"];
}
