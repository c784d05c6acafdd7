using System.Globalization;

namespace CrewChief.Telemetry;

/// <summary>
/// Turns iRacing's session YAML into <see cref="SessionInfo"/>. Best effort by design: a value that does not parse
/// leaves its default, and text the sim mangled never throws. Runs off the tick path (on connect and when
/// sessionInfoUpdate changes).
/// </summary>
public static class SessionInfoParser
{
    /// <summary>Raw session bytes as found in the file or map (Windows-1252, NUL-terminated).</summary>
    public static SessionInfo Parse(ReadOnlySpan<byte> yaml) => Parse(Windows1252.DecodeSessionText(yaml));

    public static SessionInfo Parse(string yaml)
    {
        var root = SessionYamlReader.Parse(yaml);
        var info = new SessionInfo();

        var weekend = root["WeekendInfo"];
        info.TrackName = weekend["TrackName"].Text;
        info.TrackDisplayName = weekend["TrackDisplayName"].Text;
        info.TrackConfigName = weekend["TrackConfigName"].Text;
        info.TrackLengthKm = (float)LeadingNumber(weekend["TrackLength"].Text);
        info.TrackType = weekend["TrackType"].Text;
        info.PitSpeedLimitKph = (float)SpeedKph(weekend["TrackPitSpeedLimit"].Text);
        info.TrackTempC = (float)LeadingNumber(weekend["TrackSurfaceTemp"].Text);
        info.AirTempC = (float)LeadingNumber(weekend["TrackAirTemp"].Text);
        // "unlimited" (or absent) reads as 0, which the contract defines as unlimited.
        info.IncidentLimit = (int)LeadingNumber(weekend["WeekendOptions"]["IncidentLimit"].Text);

        foreach (var s in root["SessionInfo"]["Sessions"].Items)
        {
            info.Sessions.Add(new SessionEntry
            {
                SessionNum = (int)LeadingNumber(s["SessionNum"].Text),
                SessionType = s["SessionType"].Text,
                SessionName = s["SessionName"].Text,
                Laps = (int)LeadingNumber(s["SessionLaps"].Text),
                TimeSeconds = LeadingNumber(s["SessionTime"].Text),
            });
        }

        var driverInfo = root["DriverInfo"];
        info.PlayerCarIdx = driverInfo.Has("DriverCarIdx") ? (int)LeadingNumber(driverInfo["DriverCarIdx"].Text, -1) : -1;
        double maxLitres = LeadingNumber(driverInfo["DriverCarFuelMaxLtr"].Text);
        double maxPct = LeadingNumber(driverInfo["DriverCarMaxFuelPct"].Text, 1);
        // Some builds write DriverCarMaxFuelPct 0.000 for cars without a restriction: that means the full tank.
        if (maxPct <= 0 || maxPct > 1) maxPct = 1;
        info.FuelTankLitres = (float)(maxLitres * maxPct);
        info.DriverCarEstLapTime = (float)LeadingNumber(driverInfo["DriverCarEstLapTime"].Text);

        foreach (var d in driverInfo["Drivers"].Items)
        {
            string carPath = d["CarPath"].Text;
            info.Drivers.Add(new DriverEntry
            {
                CarIdx = (int)LeadingNumber(d["CarIdx"].Text, -1),
                UserName = d["UserName"].Text,
                TeamName = d["TeamName"].Text,
                CarNumber = d["CarNumber"].Text,
                CarScreenName = d["CarScreenName"].Text,
                CarPath = carPath,
                CarClassId = (int)LeadingNumber(d["CarClassID"].Text),
                CarClassShortName = d["CarClassShortName"].Text,
                CarClassEstLapTime = (float)LeadingNumber(d["CarClassEstLapTime"].Text),
                // Old files have no CarIsPaceCar; their pace car is only recognisable by its path ("safety pc...").
                IsPaceCar = d.Has("CarIsPaceCar")
                    ? LeadingNumber(d["CarIsPaceCar"].Text) != 0
                    : carPath.StartsWith("safety", StringComparison.OrdinalIgnoreCase),
                IsSpectator = LeadingNumber(d["IsSpectator"].Text) != 0,
            });
        }

        foreach (var sector in root["SplitTimeInfo"]["Sectors"].Items)
        {
            double start = LeadingNumber(sector["SectorStartPct"].Text, double.NaN);
            if (!double.IsNaN(start)) info.SectorStarts.Add((float)start);
        }
        return info;
    }

    /// <summary>"80.00 kph" or "50.00 mph" in km/h; 0 when absent or unreadable (then no pit-speed calls).</summary>
    internal static double SpeedKph(string text)
    {
        double v = LeadingNumber(text);
        if (!(v > 0)) return 0;
        return text.Contains("mph", StringComparison.OrdinalIgnoreCase) ? v * 1.609344 : v;
    }

    /// <summary>
    /// The number a value starts with: "6.93 km" → 6.93, "1800.0000 sec" → 1800, "17" → 17. Text without one
    /// ("unlimited", "") gives <paramref name="fallback"/>.
    /// </summary>
    public static double LeadingNumber(string text, double fallback = 0)
    {
        var s = text.AsSpan().Trim();
        int end = 0;
        if (end < s.Length && (s[end] == '-' || s[end] == '+')) end++;
        while (end < s.Length && (char.IsAsciiDigit(s[end]) || s[end] == '.' || s[end] == 'e' || s[end] == 'E' ||
               ((s[end] == '-' || s[end] == '+') && end > 0 && (s[end - 1] == 'e' || s[end - 1] == 'E'))))
            end++;
        return double.TryParse(s[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : fallback;
    }
}
