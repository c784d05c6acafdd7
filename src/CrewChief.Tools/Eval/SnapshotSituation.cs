using CrewChief.Events;
using CrewChief.Callouts;

namespace CrewChief.Tools.Eval;

/// <summary>
/// Reads an unlabelled race snapshot the way an engineer scans the timing screen: fuel first, then tyres, then
/// the cars around, then pace and progress. Each finding becomes a <see cref="RaceEvent"/> whose facts are the
/// snapshot's own numbers (nothing derived that the snapshot does not support), most important first.
/// </summary>
public static class SnapshotSituation
{
    // Thresholds an engineer would call on; the detector uses its own, car-aware ones on live data.
    private const double FuelCriticalLaps = 2.0;
    private const double TyreWearCriticalPct = 80;
    private const double TyreWearWarningPct = 60;
    private const double TyreHotC = 105;
    private const double TyreColdC = 60;
    private const double BattleGap = 1.0;
    private const double GapWorthTellingBehind = 2.5;
    private const double GapWorthTellingAhead = 3.0;
    private const double PaceDropSeconds = 0.8;

    /// <summary>The events the snapshot raises, most important first (highest priority; ties keep scan order).</summary>
    public static List<RaceEvent> Infer(RaceSnapshot s)
    {
        var events = new List<RaceEvent>(6);
        int? left = s.SessionLapsRemain;
        double? fuel = s.FuelLapsRemaining;
        double pct = s.LapPct ?? 0;

        if (left is 0)
        {
            events.Add(Make(EventKind.Chequered, Priority.Low, s, (FactKey.Position, s.Position)));
            return events;
        }

        // The cars around first: among equally urgent calls, a car alongside matters this second. On the final
        // lap the gaps belong to the final-lap call.
        bool finalLap = left is 1;
        if (finalLap)
        {
            events.Add(Make(EventKind.FinalLap, Priority.High, s, (FactKey.LapsRemaining, 1), (FactKey.Position, s.Position),
                (FactKey.GapBehind, s.GapBehind is <= GapWorthTellingBehind ? s.GapBehind : null),
                (FactKey.GapAhead, s.GapAhead is <= GapWorthTellingAhead ? s.GapAhead : null)));
        }
        else
        {
            AddBattle(events, s);
        }

        // Fuel.
        if (fuel is { } f)
        {
            if (left is { } l)
            {
                double deficit = l - f;
                bool saveable = deficit <= Math.Max(0.3, 0.1 * l);
                if (deficit > 0 && !saveable && f <= FuelCriticalLaps)
                {
                    var kind = pct >= 0.6 ? EventKind.BoxThisLap : EventKind.FuelCritical;
                    events.Add(Make(kind, Priority.Critical, s, (FactKey.FuelLapsLeft, f), (FactKey.LapsRemaining, l), (FactKey.Position, s.Position)));
                }
                else if (deficit > 0 && saveable)
                {
                    events.Add(Make(EventKind.FuelWarning, Priority.High, s, (FactKey.FuelLapsLeft, f), (FactKey.LapsRemaining, l), (FactKey.Position, s.Position)));
                }
                else if (deficit > 0 && f <= 3 && pct >= 0.7)
                {
                    events.Add(Make(EventKind.BoxThisLap, Priority.Critical, s, (FactKey.FuelLapsLeft, f), (FactKey.LapsRemaining, l), (FactKey.Position, s.Position)));
                }
                else if (deficit > 0 && f <= 5)
                {
                    // Short by more than saving can fix and the stop is close: at least one stop, whatever the
                    // tank holds. With more in the tank the stop is routine strategy, not a call.
                    events.Add(Make(EventKind.FuelWarning, Priority.High, s,
                        (FactKey.FuelLapsLeft, f), (FactKey.LapsRemaining, l), (FactKey.StopsNeeded, 1), (FactKey.Position, s.Position)));
                }
                else if (deficit > 0)
                {
                    // More than five laps in the tank: the stop is strategy's business, not a radio call.
                }
                else if (-deficit < 0.5 && l > 1)
                {
                    events.Add(Make(EventKind.FuelWarning, Priority.High, s, (FactKey.FuelLapsLeft, f), (FactKey.LapsRemaining, l), (FactKey.Position, s.Position)));
                }
                else if (l <= 10 && l > 1 && -deficit < 2)
                {
                    events.Add(Make(EventKind.FuelToFinish, Priority.Low, s, (FactKey.FuelLapsLeft, f), (FactKey.LapsRemaining, l), (FactKey.Position, s.Position)));
                }
            }
            else if (f <= 1.5)
            {
                events.Add(Make(EventKind.FuelCritical, Priority.Critical, s, (FactKey.FuelLapsLeft, f), (FactKey.Position, s.Position)));
            }
            else if (f <= 4)
            {
                events.Add(Make(EventKind.FuelWarning, Priority.High, s, (FactKey.FuelLapsLeft, f), (FactKey.Position, s.Position)));
            }
        }

        // Tyres: wear, then temperature.
        if (s.TyreWear is { } wear)
        {
            (int corner, double worst) = Worst(wear, highest: true);
            if (worst >= TyreWearCriticalPct)
                events.Add(Make(EventKind.TyreWearCritical, Priority.Critical, s, (FactKey.TyreCorner, corner), (FactKey.TyreWear, worst), (FactKey.LapsRemaining, left), (FactKey.Position, s.Position)));
            else if (worst >= TyreWearWarningPct)
                events.Add(Make(EventKind.TyreWearWarning, worst >= 70 ? Priority.High : Priority.Medium, s, (FactKey.TyreCorner, corner), (FactKey.TyreWear, worst), (FactKey.LapsRemaining, left), (FactKey.Position, s.Position)));
        }
        if (s.TyreTemps is { } temps)
        {
            (int hotCorner, double hottest) = Worst(temps, highest: true);
            (int coldCorner, double coldest) = Worst(temps, highest: false);
            if (hottest >= TyreHotC)
                events.Add(Make(EventKind.TyreHot, Priority.High, s, (FactKey.TyreCorner, hotCorner), (FactKey.TyreTemp, hottest), (FactKey.TrackTemp, s.TrackTempC), (FactKey.Position, s.Position)));
            else if (coldest <= TyreColdC)
                events.Add(Make(EventKind.TyreCold, Priority.High, s, (FactKey.TyreCorner, coldCorner), (FactKey.TyreTemp, coldest), (FactKey.TrackTemp, s.TrackTempC), (FactKey.Position, s.Position)));
        }


        if (s.LastLapTime is { } last && s.BestLapTime is { } best && last > 0 && best > 0)
        {
            double delta = last - best;
            if (delta >= PaceDropSeconds)
                events.Add(Make(EventKind.PaceDropping, Priority.Medium, s, (FactKey.LapTime, last), (FactKey.BestLapTime, best), (FactKey.DeltaToBest, delta), (FactKey.Position, s.Position)));
            else if (Math.Abs(delta) < 0.05)
                events.Add(Make(EventKind.PersonalBest, Priority.Medium, s, (FactKey.LapTime, last), (FactKey.Position, s.Position)));
        }

        if (s.IncidentCount is { } inc && inc >= 8)
            events.Add(Make(EventKind.IncidentsRising, Priority.High, s, (FactKey.Incidents, inc), (FactKey.Position, s.Position)));

        if (events.Count == 0)
        {
            if (left is { } l)
                events.Add(Make(EventKind.LapsToGo, Priority.Low, s, (FactKey.LapsRemaining, l), (FactKey.Position, s.Position), (FactKey.GapAhead, s.GapAhead), (FactKey.GapBehind, s.GapBehind)));
            else if (s.GapAhead is > GapWorthTellingAhead)
                events.Add(Make(EventKind.CleanAir, Priority.Low, s, (FactKey.GapAhead, s.GapAhead), (FactKey.Position, s.Position)));
            else
                events.Add(Make(EventKind.GapClear, Priority.Low, s, (FactKey.GapBehind, s.GapBehind), (FactKey.Position, s.Position)));
        }

        // Stable: equal priorities keep the scan order above.
        var ordered = new List<RaceEvent>(events.Count);
        for (int p = (int)Priority.Spotter; p >= 0; p--)
        {
            foreach (var e in events)
            {
                if ((int)e.Priority == p) ordered.Add(e);
            }
        }
        return ordered;
    }

    /// <summary>The car and track as the composer needs them; traits written in the snapshot win over the catalog.</summary>
    public static CalloutContext ContextFor(RaceSnapshot s)
    {
        CarInfo car = CarCatalog.Default.FindOrUnknown(s.Car);
        if (s.CarTraits.Count > 0)
        {
            var traits = CarTraits.None;
            foreach (string word in s.CarTraits)
            {
                if (CarInfo.TryParseTrait(word, out var t)) traits |= t;
            }
            car = new CarInfo(car.ScreenName.Length > 0 ? car.ScreenName : s.Car, car.Path,
                s.CarClass.Length > 0 ? s.CarClass : car.ClassName, traits, car.TyreWear);
        }
        bool oval = s.TrackType.Contains("oval", StringComparison.OrdinalIgnoreCase);
        TrackInfo track = TrackCatalog.Default.TryFind(s.Track, out var known) ? known : TrackInfo.Unknown(s.Track, oval);
        return new CalloutContext(car, track)
        {
            PlayerPosition = s.Position ?? 0,
            LapDistPct = s.LapPct ?? 0,
        };
    }

    private static void AddBattle(List<RaceEvent> events, RaceSnapshot s)
    {
        double behind = s.GapBehind ?? double.MaxValue;
        double ahead = s.GapAhead ?? double.MaxValue;
        bool defend = behind <= BattleGap;
        bool attack = ahead <= BattleGap;
        if (defend && (!attack || behind <= ahead))
        {
            events.Add(Make(EventKind.Defend, Priority.High, s, (FactKey.GapBehind, behind), (FactKey.Position, s.Position)));
            if (attack) events.Add(Make(EventKind.Attack, Priority.Medium, s, (FactKey.GapAhead, ahead), (FactKey.Position, s.Position)));
        }
        else if (attack)
        {
            events.Add(Make(EventKind.Attack, Priority.High, s, (FactKey.GapAhead, ahead), (FactKey.Position, s.Position)));
            if (defend) events.Add(Make(EventKind.Defend, Priority.Medium, s, (FactKey.GapBehind, behind), (FactKey.Position, s.Position)));
        }
        else if (behind <= GapWorthTellingBehind)
        {
            events.Add(Make(EventKind.GapUpdate, Priority.Medium, s, (FactKey.GapBehind, behind), (FactKey.Position, s.Position)));
        }
        else if (ahead <= GapWorthTellingAhead)
        {
            events.Add(Make(EventKind.GapUpdate, Priority.Medium, s, (FactKey.GapAhead, ahead), (FactKey.Position, s.Position)));
        }
    }

    /// <summary>
    /// The worst tyre, or a pair or all four when they are within a few degrees or percent of it: an engineer
    /// says "fronts", not "front-left" when both are gone.
    /// </summary>
    private static (int Corner, double Value) Worst(TyreQuad q, bool highest)
    {
        const double Close = 3;
        int worst = 0;
        for (int i = 1; i < 4; i++)
        {
            if (highest ? q[i] > q[worst] : q[i] < q[worst]) worst = i;
        }
        double w = q[worst];
        int near = 0;
        for (int i = 0; i < 4; i++)
        {
            if (Math.Abs(q[i] - w) <= Close) near |= 1 << i;
        }
        int corner = near switch
        {
            0b1111 => -1,
            0b0011 => -2,
            0b1100 => -3,
            _ => worst,
        };
        return (corner, w);
    }

    private static RaceEvent Make(EventKind kind, Priority priority, RaceSnapshot s, params ReadOnlySpan<(FactKey Key, double? Value)> facts)
    {
        var set = new FactSet();
        foreach (var (key, value) in facts)
        {
            if (value is { } v && double.IsFinite(v)) set.Set(key, v);
        }
        if (s.Lap is { } lap && lap > 0) set.Set(FactKey.Lap, lap);
        return new RaceEvent(kind, priority, 0, 0, 30, set);
    }
}
