using CrewChief.Events;

namespace CrewChief.Callouts;

/// <summary>
/// Everything a callout may refer to, gathered once per event (or batch) and then checked against every clause:
/// the fact values in each unit they may be spoken in, the positions that can be named, the track's corners,
/// the car's systems and the names the session gave us.
/// </summary>
public readonly struct GroundingFacts
{
    internal readonly double[] Values;
    internal readonly int[] Positions;

    private GroundingFacts(double[] values, int[] positions, TrackInfo track, CarInfo car, string[] names)
    {
        Values = values;
        Positions = positions;
        Track = track;
        Car = car;
        Names = names;
    }

    public TrackInfo Track { get; }
    public CarInfo Car { get; }
    /// <summary>People and car names the session gave us (from CarIdx); any other name is invented.</summary>
    public string[] Names { get; }

    public static GroundingFacts From(in RaceEvent e, CalloutContext ctx) => From([e], ctx);

    public static GroundingFacts From(ReadOnlySpan<RaceEvent> events, CalloutContext ctx)
    {
        var values = new List<double>(32);
        var positions = new List<int>(6);
        bool ahead = false, behind = false;
        int position = ctx.PlayerPosition;
        var names = new List<string>();
        foreach (ref readonly var e in events)
        {
            // Some kinds are a count in themselves: the spotter's "three wide" is the event, not a number made up.
            if (e.Kind == EventKind.SpotterThreeWide) values.Add(3);
            if (e.Kind is EventKind.SpotterTwoCarsLeft or EventKind.SpotterTwoCarsRight) values.Add(2);
            for (int i = 0; i < e.Facts.Count; i++)
            {
                Fact f = e.Facts[i];
                if (!double.IsFinite(f.Value)) continue;
                switch (f.Key)
                {
                    case FactKey.CarIdx:
                        if (ctx.NameOf((int)f.Value) is { } n) names.Add(n);
                        break;
                    case FactKey.TyreCorner:
                    case FactKey.PitCallState:
                    case FactKey.CornerIndex:
                    case FactKey.SessionsAgo:
                    case FactKey.PitsOpen:
                        break; // codes, never spoken as numbers
                    case FactKey.Position:
                        position = (int)Math.Round(f.Value);
                        positions.Add(position);
                        values.Add(f.Value);
                        break;
                    case FactKey.PreviousPosition:
                    case FactKey.RejoinPosition:
                    case FactKey.RejoinBest:
                    case FactKey.RejoinWorst:
                    case FactKey.OverallPosition:
                        positions.Add((int)Math.Round(f.Value));
                        values.Add(f.Value);
                        break;
                    case FactKey.GapAhead:
                        ahead = true;
                        values.Add(Math.Abs(f.Value));
                        break;
                    case FactKey.GapBehind:
                        behind = true;
                        values.Add(Math.Abs(f.Value));
                        break;
                    case FactKey.TyreTemp:
                    case FactKey.TrackTemp:
                    case FactKey.AirTemp:
                        values.Add(f.Value);
                        values.Add(f.Value * 9 / 5 + 32);
                        break;
                    case FactKey.FuelLevel:
                    case FactKey.FuelPerLap:
                    case FactKey.FuelToFinish:
                    case FactKey.FuelToAdd:
                    case FactKey.FuelSavePerLap:
                        values.Add(f.Value);
                        values.Add(f.Value * UnitFactors.GallonsPerLitre);
                        break;
                    case FactKey.Speed:
                    case FactKey.PitSpeedLimit:
                        values.Add(f.Value * UnitFactors.KmhPerMetrePerSecond);
                        values.Add(f.Value * UnitFactors.MphPerMetrePerSecond);
                        break;
                    case FactKey.TimeRemaining:
                        // Said in minutes ("twelve minutes to go") as well as seconds.
                        values.Add(Math.Abs(f.Value));
                        values.Add(Math.Abs(f.Value) / 60);
                        break;
                    case FactKey.Confidence:
                    case FactKey.RivalPitProbability:
                        values.Add(f.Value);
                        values.Add(f.Value * 100);
                        break;
                    default:
                        values.Add(Math.Abs(f.Value));
                        break;
                }
            }
        }
        if (ctx.PlayerPosition >= 1) positions.Add(ctx.PlayerPosition);
        if (position >= 1)
        {
            // A neighbour's position can be named only when we know there is a car there.
            if (ahead && position > 1) positions.Add(position - 1);
            if (behind) positions.Add(position + 1);
        }
        foreach (int p in positions) values.Add(p);
        return new GroundingFacts([.. values], [.. positions], ctx.Track, ctx.Car, [.. names]);
    }
}
