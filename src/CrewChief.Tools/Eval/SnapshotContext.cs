using CrewChief.Callouts;

namespace CrewChief.Tools.Eval;

/// <summary>The car and track a snapshot names, as the composer and the grounding check need them.</summary>
public static class SnapshotContext
{
    /// <summary>The car and track as the composer needs them; traits written in the snapshot win over the catalog.</summary>
    public static CalloutContext For(RaceSnapshot s)
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
}
