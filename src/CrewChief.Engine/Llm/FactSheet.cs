using System.Globalization;
using System.Text;
using CrewChief.Events;

namespace CrewChief.Llm;

/// <summary>
/// The compact text the model sees for one event: its kind, urgency and typed facts with units, e.g.
/// "event: gap closing (high). facts: gap ahead 1.2 s; closing rate 0.3 s/lap". Only these numbers may be spoken.
/// </summary>
public static class FactSheet
{
    public static string Build(in RaceEvent e)
    {
        var sb = new StringBuilder(160);
        sb.Append("event: ");
        AppendWords(sb, e.Kind.ToString());
        sb.Append(" (").Append(e.Priority switch
        {
            Priority.Low => "low",
            Priority.Medium => "medium",
            Priority.High => "high",
            Priority.Critical => "critical",
            _ => "spotter",
        }).Append(')');
        if (e.Facts.Count > 0) sb.Append(". facts: ");
        for (int i = 0; i < e.Facts.Count; i++)
        {
            Fact f = e.Facts[i];
            if (i > 0) sb.Append("; ");
            AppendWords(sb, f.Key.ToString());
            sb.Append(' ').Append(FormatValue(f.Key, f.Value));
            string unit = Unit(f.Key);
            if (unit.Length > 0) sb.Append(' ').Append(unit);
        }
        return sb.ToString();
    }

    /// <summary>The number as the model should say it: rounded to what a driver can use.</summary>
    public static string FormatValue(FactKey key, double value) => key switch
    {
        FactKey.Speed or FactKey.PitSpeedLimit => (value * 3.6).ToString("0", CultureInfo.InvariantCulture),
        FactKey.Confidence or FactKey.RivalPitProbability => (value * 100).ToString("0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string Unit(FactKey key) => key switch
    {
        FactKey.TimeRemaining or FactKey.GapAhead or FactKey.GapBehind or FactKey.LapTime or FactKey.BestLapTime
            or FactKey.DeltaToBest or FactKey.SecondsToCallPoint or FactKey.RejoinGapAhead or FactKey.RejoinGapBehind
            or FactKey.PitLaneLoss => "s",
        FactKey.ClosingRate or FactKey.PaceTrend => "s/lap",
        FactKey.FuelLevel or FactKey.FuelToFinish or FactKey.FuelToAdd => "L",
        FactKey.FuelPerLap or FactKey.FuelSavePerLap => "L/lap",
        FactKey.FuelLapsLeft => "laps",
        FactKey.TyreTemp or FactKey.TrackTemp or FactKey.AirTemp => "C",
        FactKey.TyreWear or FactKey.Confidence or FactKey.RivalPitProbability => "%",
        FactKey.Speed or FactKey.PitSpeedLimit => "km/h",
        _ => "",
    };

    // "GapClosing" -> "gap closing".
    private static void AppendWords(StringBuilder sb, string pascal)
    {
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0) sb.Append(' ');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
    }
}
