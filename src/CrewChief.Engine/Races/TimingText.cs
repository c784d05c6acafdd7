using System.Globalization;

namespace CrewChief.Races;

/// <summary>Parses the time texts race timing uses: "2:07.157", "1:21:42.665", "0:01:08.633", "37.526".</summary>
internal static class TimingText
{
    /// <summary>Seconds, or NaN for empty or unreadable text.</summary>
    public static double Seconds(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty) return double.NaN;
        double total = 0;
        while (true)
        {
            int colon = text.IndexOf(':');
            var part = colon < 0 ? text : text[..colon];
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v < 0) return double.NaN;
            total = total * 60 + v;
            if (colon < 0) return total;
            text = text[(colon + 1)..];
        }
    }

    /// <summary>The iRacing track names of the circuits race timing comes from, by a word of the event or file
    /// name. An unknown circuit keeps the event name: the engine then uses no corner names, which is safe.</summary>
    public static (string TrackName, string DisplayName) Track(string eventName, string fileName)
    {
        string text = (eventName + " " + fileName).ToLowerInvariant().Replace('_', ' ');
        if (text.Contains("spa")) return ("spa up", "Circuit de Spa-Francorchamps");
        if (text.Contains("le mans") || text.Contains("lemans")) return ("lemans full", "Circuit des 24 Heures du Mans");
        if (text.Contains("fuji")) return ("fuji gp", "Fuji Speedway");
        if (text.Contains("nurburgring") || text.Contains("nürburgring")) return ("nurburgring gp", "Nurburgring Grand-Prix-Strecke");
        if (text.Contains("sebring")) return ("sebring international", "Sebring International Raceway");
        if (text.Contains("monza")) return ("monza full", "Autodromo Nazionale Monza");
        return (eventName, eventName);
    }
}
