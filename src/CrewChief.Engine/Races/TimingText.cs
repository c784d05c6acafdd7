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
    /// <remarks>The most specific words first: WEC's round at the Circuit of the Americas is called "Lone Star Le
    /// Mans", so "le mans" alone would put it at La Sarthe (with La Sarthe's corner names said at Austin).</remarks>
    public static (string TrackName, string DisplayName) Track(string eventName, string fileName)
    {
        string text = (eventName + " " + fileName).ToLowerInvariant().Replace('_', ' ');
        foreach (var (words, track, display) in s_circuits)
            foreach (string word in words)
                if (text.Contains(word, StringComparison.Ordinal)) return (track, display);
        return (eventName, eventName);
    }

    private static readonly (string[] Words, string Track, string Display)[] s_circuits =
    [
        (["lone star", "cota", "americas", "austin"], "cota gp", "Circuit of the Americas"),
        (["spa"], "spa up", "Circuit de Spa-Francorchamps"),
        (["le mans", "lemans"], "lemans full", "Circuit des 24 Heures du Mans"),
        (["fuji"], "fuji gp", "Fuji Speedway"),
        (["nurburgring", "nürburgring"], "nurburgring gp", "Nurburgring Grand-Prix-Strecke"),
        (["sebring"], "sebring international", "Sebring International Raceway"),
        (["monza"], "monza full", "Autodromo Nazionale Monza"),
        (["imola"], "imola gp", "Autodromo Internazionale Enzo e Dino Ferrari"),
        (["interlagos", "sao paulo", "são paulo"], "interlagos gp", "Autodromo Jose Carlos Pace"),
        (["portimao", "portimão", "algarve"], "portimao gp", "Autodromo Internacional do Algarve"),
    ];
}
