using System.Globalization;
using System.Text;
using CrewChief.Events;

namespace CrewChief.Callouts;

/// <summary>
/// Expands a phrasing's placeholders from the event's facts and the context. A placeholder whose fact is absent
/// makes the whole phrasing unusable, so a callout never says a number it was not given.
/// </summary>
internal static class PhraseFiller
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static bool TryFill(string template, ReadOnlySpan<RaceEvent> events, CalloutContext ctx, StringBuilder sb)
    {
        int start = sb.Length;
        int i = 0;
        while (i < template.Length)
        {
            char c = template[i];
            if (c != '{')
            {
                sb.Append(c);
                i++;
                continue;
            }
            int close = template.IndexOf('}', i + 1);
            if (close < 0) throw new FormatException($"phrases.txt: unclosed placeholder in '{template}'");
            if (!TryAppend(template.AsSpan(i + 1, close - i - 1), events, ctx, sb))
            {
                sb.Length = start;
                return false;
            }
            i = close + 1;
        }
        // A sentence that starts with a placeholder starts with its value, which may be lower case.
        if (sb.Length > start && char.IsLower(sb[start])) sb[start] = char.ToUpperInvariant(sb[start]);
        return true;
    }

    private static bool TryGet(ReadOnlySpan<RaceEvent> events, FactKey key, out double value)
    {
        foreach (ref readonly var e in events)
        {
            if (e.Facts.TryGet(key, out value) && double.IsFinite(value)) return true;
        }
        value = 0;
        return false;
    }

    private static bool TryAppend(ReadOnlySpan<char> name, ReadOnlySpan<RaceEvent> events, CalloutContext ctx, StringBuilder sb)
    {
        bool imperial = ctx.Units == Units.Imperial;
        double v;
        switch (name)
        {
            case "pos":
                if (!TryPosition(events, ctx, out int pos)) return false;
                sb.Append('P').Append(pos.ToString(s_inv));
                return true;
            case "posAhead":
                if (!TryPosition(events, ctx, out int p1) || p1 <= 1) return false;
                sb.Append('P').Append((p1 - 1).ToString(s_inv));
                return true;
            case "prevPos": return AppendPosition(events, FactKey.PreviousPosition, sb);
            case "rejoinPos": return AppendPosition(events, FactKey.RejoinPosition, sb);
            case "rejoinBest": return AppendPosition(events, FactKey.RejoinBest, sb);
            case "rejoinWorst": return AppendPosition(events, FactKey.RejoinWorst, sb);
            case "places":
                if (!TryGet(events, FactKey.PositionsChanged, out v) || Math.Abs(v) < 1) return false;
                int places = (int)Math.Abs(Math.Round(v));
                sb.Append(places == 1 ? "a place" : places.ToString(s_inv) + " places");
                return true;
            case "gapAhead": return AppendSeconds(events, FactKey.GapAhead, sb);
            case "gapBehind": return AppendSeconds(events, FactKey.GapBehind, sb);
            case "closing": return AppendSeconds(events, FactKey.ClosingRate, sb);
            case "delta": return AppendSeconds(events, FactKey.DeltaToBest, sb);
            case "trend": return AppendSeconds(events, FactKey.PaceTrend, sb);
            case "rejoinAhead": return AppendSeconds(events, FactKey.RejoinGapAhead, sb);
            case "rejoinBehind": return AppendSeconds(events, FactKey.RejoinGapBehind, sb);
            case "pitLoss": return AppendSeconds(events, FactKey.PitLaneLoss, sb);
            case "callIn":
                if (!TryGet(events, FactKey.SecondsToCallPoint, out v) || v < 0) return false;
                sb.Append(Math.Round(v).ToString(s_inv)).Append('s');
                return true;
            case "lap": return AppendWhole(events, FactKey.Lap, sb, 1);
            case "lapsLeft": return AppendWhole(events, FactKey.LapsRemaining, sb, 1);
            case "totalLaps": return AppendWhole(events, FactKey.TotalLaps, sb, 1);
            case "stops":
                if (!TryGet(events, FactKey.StopsNeeded, out v) || v < 1) return false;
                sb.Append(Math.Round(v).ToString(s_inv)).Append(Math.Round(v) == 1 ? " stop" : " stops");
                return true;
            case "windowOpen": return AppendWhole(events, FactKey.PitWindowOpenLap, sb, 1);
            case "windowClose": return AppendWhole(events, FactKey.PitWindowCloseLap, sb, 1);
            case "inc": return AppendWhole(events, FactKey.Incidents, sb, 0);
            case "incAdded": return AppendWhole(events, FactKey.IncidentsAdded, sb, 1);
            case "incLimit": return AppendWhole(events, FactKey.IncidentLimit, sb, 1);
            case "lapTime": return AppendLapTime(events, FactKey.LapTime, sb);
            case "best": return AppendLapTime(events, FactKey.BestLapTime, sb);
            case "fuelLaps":
                if (!TryGet(events, FactKey.FuelLapsLeft, out v) || v < 0) return false;
                // "9 laps", not "9.0 laps"; tenths only below ten laps, where they matter.
                double tenth = Math.Round(v, 1);
                sb.Append(v >= 10 ? Math.Floor(v).ToString(s_inv) : tenth % 1 == 0 ? tenth.ToString("0", s_inv) : tenth.ToString("0.0", s_inv));
                return true;
            case "fuel": return AppendVolume(events, FactKey.FuelLevel, imperial, "0.0", sb);
            case "fuelPerLap": return AppendVolume(events, FactKey.FuelPerLap, imperial, "0.00", sb);
            case "fuelToFinish": return AppendVolume(events, FactKey.FuelToFinish, imperial, "0.0", sb);
            case "fuelToAdd": return AppendVolume(events, FactKey.FuelToAdd, imperial, "0", sb);
            case "save": return AppendVolume(events, FactKey.FuelSavePerLap, imperial, "0.00", sb);
            case "tyre":
                if (!TryGet(events, FactKey.TyreCorner, out v)) return false;
                sb.Append(TyreName((int)v));
                return true;
            case "tyreTemp": return AppendTemperature(events, FactKey.TyreTemp, imperial, sb);
            case "trackTemp": return AppendTemperature(events, FactKey.TrackTemp, imperial, sb);
            case "airTemp": return AppendTemperature(events, FactKey.AirTemp, imperial, sb);
            case "overallPos": return AppendPosition(events, FactKey.OverallPosition, sb);
            case "timeLeft":
                // Whole minutes; the last minute in seconds, where a minute is too coarse.
                if (!TryGet(events, FactKey.TimeRemaining, out v) || v < 0) return false;
                if (v >= 7200)
                {
                    // "3 hours", "2 hours 35 minutes": minutes past two hours are too many to take in.
                    int minutes = (int)Math.Round(v / 60);
                    sb.Append((minutes / 60).ToString(s_inv)).Append(" hours");
                    if (minutes % 60 != 0) sb.Append(' ').Append((minutes % 60).ToString(s_inv)).Append(minutes % 60 == 1 ? " minute" : " minutes");
                    return true;
                }
                sb.Append(v >= 60 ? Math.Round(v / 60).ToString(s_inv) + (Math.Round(v / 60) == 1 ? " minute" : " minutes") : Math.Round(v).ToString(s_inv) + " seconds");
                return true;
            case "wear":
                if (!TryGet(events, FactKey.TyreWear, out v)) return false;
                sb.Append(Math.Round(v).ToString(s_inv)).Append('%');
                return true;
            case "wearAtFlag":
                if (!TryGet(events, FactKey.TyreWearAtFlag, out v)) return false;
                sb.Append(Math.Round(v).ToString(s_inv)).Append('%');
                return true;
            case "rivalProb":
                if (!TryGet(events, FactKey.RivalPitProbability, out v)) return false;
                sb.Append(Math.Round(v * 100).ToString(s_inv)).Append('%');
                return true;
            case "pitLimit": return AppendSpeed(events, FactKey.PitSpeedLimit, imperial, sb);
            case "speed": return AppendSpeed(events, FactKey.Speed, imperial, sb);
            case "rival": return AppendRival(events, ctx, sb);
            case "corner":
                var corner = CornerFor(events, ctx);
                if (corner is null) return false;
                sb.Append(corner.Value.Name);
                return true;
            default:
                throw new FormatException($"phrases.txt: unknown placeholder '{name}'");
        }
    }

    /// <summary>The corner a callout may name: the event's own, else the next one ahead of the player.</summary>
    public static TrackCorner? CornerFor(ReadOnlySpan<RaceEvent> events, CalloutContext ctx)
    {
        if (TryGet(events, FactKey.CornerIndex, out double index))
        {
            int i = (int)index;
            return (uint)i < (uint)ctx.Track.Corners.Length ? ctx.Track.Corners[i] : null;
        }
        return TrackCatalog.NextCorner(ctx.Track, ctx.LapDistPct);
    }

    public static string TyreName(int corner) => corner switch
    {
        0 => "front-left",
        1 => "front-right",
        2 => "rear-left",
        3 => "rear-right",
        -2 => "fronts",
        -3 => "rears",
        _ => "tyres",
    };

    private static bool TryPosition(ReadOnlySpan<RaceEvent> events, CalloutContext ctx, out int position)
    {
        if (TryGet(events, FactKey.Position, out double v) && v >= 1)
        {
            position = (int)Math.Round(v);
            return true;
        }
        position = ctx.PlayerPosition;
        return position >= 1;
    }

    private static bool AppendPosition(ReadOnlySpan<RaceEvent> events, FactKey key, StringBuilder sb)
    {
        if (!TryGet(events, key, out double v) || v < 1) return false;
        sb.Append('P').Append(Math.Round(v).ToString(s_inv));
        return true;
    }

    private static bool AppendSeconds(ReadOnlySpan<RaceEvent> events, FactKey key, StringBuilder sb)
    {
        if (!TryGet(events, key, out double v)) return false;
        v = Math.Abs(v);
        sb.Append(v < 10 ? v.ToString("0.0", s_inv) : Math.Round(v).ToString(s_inv)).Append('s');
        return true;
    }

    private static bool AppendWhole(ReadOnlySpan<RaceEvent> events, FactKey key, StringBuilder sb, double min)
    {
        if (!TryGet(events, key, out double v) || v < min) return false;
        sb.Append(Math.Round(v).ToString(s_inv));
        return true;
    }

    private static bool AppendLapTime(ReadOnlySpan<RaceEvent> events, FactKey key, StringBuilder sb)
    {
        if (!TryGet(events, key, out double v) || v <= 0) return false;
        sb.Append(FormatLapTime(v));
        return true;
    }

    /// <summary>m:ss.f, rounded to the tenth: 102.34 → "1:42.3".</summary>
    public static string FormatLapTime(double seconds)
    {
        long tenths = (long)Math.Round(seconds * 10);
        long minutes = tenths / 600;
        long rest = tenths % 600;
        string s = (rest / 10).ToString("00", s_inv) + "." + (rest % 10).ToString(s_inv);
        return minutes > 0 ? minutes.ToString(s_inv) + ":" + s : (rest / 10).ToString(s_inv) + "." + (rest % 10).ToString(s_inv);
    }

    private static bool AppendVolume(ReadOnlySpan<RaceEvent> events, FactKey key, bool imperial, string format, StringBuilder sb)
    {
        if (!TryGet(events, key, out double v) || v < 0) return false;
        if (imperial) sb.Append((v * UnitFactors.GallonsPerLitre).ToString(format, s_inv)).Append(" gal");
        else sb.Append(v.ToString(format, s_inv)).Append(" L");
        return true;
    }

    private static bool AppendTemperature(ReadOnlySpan<RaceEvent> events, FactKey key, bool imperial, StringBuilder sb)
    {
        if (!TryGet(events, key, out double v)) return false;
        if (imperial) sb.Append(Math.Round(v * 9 / 5 + 32).ToString(s_inv)).Append("°F");
        else sb.Append(Math.Round(v).ToString(s_inv)).Append("°C");
        return true;
    }

    private static bool AppendSpeed(ReadOnlySpan<RaceEvent> events, FactKey key, bool imperial, StringBuilder sb)
    {
        if (!TryGet(events, key, out double v) || v <= 0) return false;
        if (imperial) sb.Append(Math.Round(v * UnitFactors.MphPerMetrePerSecond).ToString(s_inv)).Append(" mph");
        else sb.Append(Math.Round(v * UnitFactors.KmhPerMetrePerSecond).ToString(s_inv)).Append(" km/h");
        return true;
    }

    private static bool AppendRival(ReadOnlySpan<RaceEvent> events, CalloutContext ctx, StringBuilder sb)
    {
        if (TryGet(events, FactKey.CarIdx, out double idx) && ctx.NameOf((int)idx) is { } name)
        {
            sb.Append(name);
            return true;
        }
        if (TryGet(events, FactKey.CarNumber, out double number) && number >= 0)
        {
            sb.Append("car ").Append(Math.Round(number).ToString(s_inv));
            return true;
        }
        return false;
    }
}
