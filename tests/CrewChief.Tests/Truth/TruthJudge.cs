using System.Globalization;

namespace CrewChief.Tests.Truth;

/// <summary>One event as the engine raised it (from the replay's JSON event list).</summary>
internal sealed record RaisedEvent(double T, string Kind, string Priority, IReadOnlyDictionary<string, double> Facts)
{
    public override string ToString()
    {
        var facts = string.Join(", ", Facts.Select(f => f.Key + "=" + f.Value.ToString("0.###", CultureInfo.InvariantCulture)));
        return string.Create(CultureInfo.InvariantCulture, $"t={T:0.00} {Kind} {{{facts}}}");
    }
}

/// <summary>What the harness found about one raised event: every claim that disagrees with the recording.</summary>
internal sealed record Verdict(RaisedEvent Event, IReadOnlyList<string> Problems, bool IsTyreClaim)
{
    public bool IsTrue => Problems.Count == 0;
}

/// <summary>A moment a human engineer would speak about, found in the raw channels, and whether the engine did.</summary>
internal sealed record Moment(double T, string What, double From, double To, string[] Answers)
{
    public RaisedEvent? SaidBy { get; set; }
    public string? Excused { get; set; }
    public bool Called => SaidBy is not null || Excused is not null;
}

/// <summary>
/// The judge: every raised event's facts against the raw channels, and the moments that must not pass unsaid.
/// Rules are generic (iRacing's semantics and physics, never one file's numbers); tolerances are what a spoken
/// figure can honestly round to.
/// </summary>
internal static class TruthJudge
{
    /// <summary>Kinds that say something about a tyre (temperature or wear); judged by the surface and wear channels.</summary>
    public static readonly string[] TyreKinds = ["TyreCold", "TyreOptimal", "TyreHot", "TyreWearWarning", "TyreWearCritical"];
    public static readonly string[] IncidentFamily = ["Spin", "Contact", "OffTrack", "IncidentsRising"];
    private static readonly string[] s_fuelEstimateFacts =
        ["fuelLapsLeft", "fuelPerLap", "fuelToFinish", "fuelToAdd", "fuelSavePerLap", "stopsNeeded", "pitWindowOpenLap", "pitWindowCloseLap"];

    /// <summary>A tyre temperature said as a number must be within this of the surface (an honest estimate, °C).</summary>
    public const double TyreTempTolerance = 10;
    public const double TyreWearTolerance = 5;
    /// <summary>No racing tyre works below this surface temperature (°C): "cold" is true under it.</summary>
    public const double TyreColdBelow = 70;
    /// <summary>No racing tyre is "hot" at or under this surface temperature (°C).</summary>
    public const double TyreHotAbove = 90;

    public static List<Verdict> JudgeEvents(RawTimeline raw, IEnumerable<RaisedEvent> events)
    {
        var verdicts = new List<Verdict>();
        foreach (var e in events)
        {
            var problems = new List<string>();
            int r = raw.At(e.T);
            if (r < 0) problems.Add("raised when the car was not in the world");
            else
            {
                JudgeFacts(raw, e, r, problems);
                JudgeKind(raw, e, r, problems);
            }
            verdicts.Add(new Verdict(e, problems, TyreKinds.Contains(e.Kind)));
        }
        return verdicts;
    }

    private static bool Fact(RaisedEvent e, string key, out double v) => e.Facts.TryGetValue(key, out v);

    private static void JudgeFacts(RawTimeline raw, RaisedEvent e, int r, List<string> problems)
    {
        void Near(string key, double actual, double tolerance, string channel)
        {
            if (!Fact(e, key, out double v)) return;
            if (double.IsNaN(actual)) problems.Add($"{key}={v} but the recording has no {channel}");
            else if (Math.Abs(v - actual) > tolerance) problems.Add(Inv($"{key}={v} but {channel} is {actual:0.###}"));
        }
        Near("fuelLevel", raw.Fuel[r], 0.05, "FuelLevel");
        Near("speed", raw.Speed[r], 0.2, "Speed");
        Near("incidents", raw.Incidents[r], 0, "PlayerCarMyIncidentCount");
        Near("pitSpeedLimit", raw.PitLimit, 0.05, "TrackPitSpeedLimit");
        Near("trackTemp", raw.TrackTemp[r], 1.0, "TrackTemp");
        Near("airTemp", raw.AirTemp[r], 1.0, "AirTemp");
        if (Fact(e, "position", out double pos) && pos != raw.ClassPosition[r] && pos != raw.Position[r])
            problems.Add(Inv($"position={pos} but PlayerCarClassPosition/PlayerCarPosition are {raw.ClassPosition[r]}/{raw.Position[r]}"));
        if (Fact(e, "incidentsAdded", out double added) && !raw.IncidentJumps.Any(j => j.Added == (int)added && j.T >= e.T - 5 && j.T <= e.T + 0.002))
            problems.Add(Inv($"incidentsAdded={added} but PlayerCarMyIncidentCount rose by no such step in the 5 s before"));
        foreach (string key in s_fuelEstimateFacts)
        {
            if (e.Facts.ContainsKey(key) && !raw.CleanLapBefore(e.T))
            {
                problems.Add($"{key} is a fuel figure before any clean lap was driven (nothing measured supports it)");
                break;
            }
        }
        JudgeLapTimes(raw, e, r, problems);
        JudgeTyres(raw, e, r, problems);
    }

    private static void JudgeLapTimes(RawTimeline raw, RaisedEvent e, int r, List<string> problems)
    {
        if (Fact(e, "bestLapTime", out double best))
        {
            if (!(raw.LapBest[r] > 0)) problems.Add(Inv($"bestLapTime={best} but LapBestLapTime is {raw.LapBest[r]}"));
            else if (Math.Abs(best - raw.LapBest[r]) > 0.0015) problems.Add(Inv($"bestLapTime={best} but LapBestLapTime is {raw.LapBest[r]:0.000}"));
        }
        if (Fact(e, "lapTime", out double lap))
        {
            // The last lap whose time the sim had published by then.
            RawTimeline.Crossing? last = null;
            foreach (var c in raw.Crossings) if (c.T <= e.T + 0.002) last = c;
            if (last is null) problems.Add(Inv($"lapTime={lap} but no lap was completed before"));
            else if (double.IsNaN(last.Value.Official)) problems.Add(Inv($"lapTime={lap} but the sim gave lap {last.Value.LapDone} no time (LapLastLapTime)"));
            else if (last.Value.PublishedAt > e.T + 0.002) problems.Add(Inv($"lapTime={lap} said before the sim published the lap's time"));
            else if (Math.Abs(lap - last.Value.Official) > 0.0015) problems.Add(Inv($"lapTime={lap} but LapLastLapTime is {last.Value.Official:0.000}"));
            if (Fact(e, "lap", out double lapNo) && last is not null && lapNo != last.Value.LapDone && e.Kind is "LapTime" or "PersonalBest")
                problems.Add(Inv($"lap={lapNo} but the lap completed was {last.Value.LapDone}"));
        }
        if (Fact(e, "deltaToBest", out double delta) && Fact(e, "lapTime", out double lt) && Fact(e, "bestLapTime", out double b2)
            && Math.Abs(delta - (lt - b2)) > 0.002)
            problems.Add(Inv($"deltaToBest={delta} is not lapTime − bestLapTime"));
    }

    private static void JudgeTyres(RawTimeline raw, RaisedEvent e, int r, List<string> problems)
    {
        int corner = Fact(e, "tyreCorner", out double c) ? (int)c : -1;
        int[] which = corner switch { >= 0 and <= 3 => [corner], -2 => [0, 1], -3 => [2, 3], _ => [0, 1, 2, 3] };
        if (Fact(e, "tyreTemp", out double temp))
        {
            double actual = which.Average(i => raw.TyreSurface[i][r]);
            if (double.IsNaN(actual)) problems.Add(Inv($"tyreTemp={temp} but the recording has no surface temperatures"));
            else if (Math.Abs(temp - actual) > TyreTempTolerance) problems.Add(Inv($"tyreTemp={temp} but the surface (xxtempL/M/R) is {actual:0.0}"));
        }
        // The kind is a claim too ("cold", "hot"), with or without a number: judged by the surface, with generous bands.
        double surface = which.Average(i => raw.TyreSurface[i][r]);
        if (!double.IsNaN(surface))
        {
            if (e.Kind == "TyreCold" && surface >= TyreColdBelow) problems.Add(Inv($"cold, but the surface is {surface:0.0} °C"));
            if (e.Kind == "TyreHot" && surface <= TyreHotAbove) problems.Add(Inv($"hot, but the surface is {surface:0.0} °C"));
            if (e.Kind == "TyreOptimal" && surface is < TyreColdBelow - 15 or > TyreHotAbove + 20) problems.Add(Inv($"up to temperature, but the surface is {surface:0.0} °C"));
        }
        if (Fact(e, "tyreWear", out double wear))
        {
            double actual = which.Average(i => raw.TyreWorn[i][r]);
            if (double.IsNaN(actual)) problems.Add(Inv($"tyreWear={wear} but the recording has no wear channels"));
            else if (Math.Abs(wear - actual) > TyreWearTolerance) problems.Add(Inv($"tyreWear={wear}% but the wear channels say {actual:0.0}% worn"));
        }
    }

    private static void JudgeKind(RawTimeline raw, RaisedEvent e, int r, List<string> problems)
    {
        switch (e.Kind)
        {
            case "PitEntry":
            case "PitExit":
            {
                bool entry = e.Kind == "PitEntry";
                // A real transition between two in-world records; a reset or tow into the stall is none.
                bool found = false;
                for (int k = 1; k < raw.N && raw.T[k] <= e.T + 0.002; k++)
                    if (raw.T[k] >= e.T - 10 && raw.InWorld[k] && raw.InWorld[k - 1] && raw.OnPit[k] == (entry ? 1 : 0) && raw.OnPit[k - 1] == (entry ? 0 : 1))
                        found = true;
                if (!found) problems.Add($"no {(entry ? "entry to" : "exit from")} pit road (OnPitRoad between in-world records) in the 10 s before");
                break;
            }
            case "PitLimiterMissing":
                if (raw.OnPit[r] != 1) problems.Add("limiter call off pit road");
                if (!raw.HasLimiter) problems.Add("limiter call for a car without one (no dcPitSpeedLimiterToggle, limiter light never on)");
                if (raw.LimiterBit[r] == 1) problems.Add("limiter call while EngineWarnings shows the limiter on");
                if (!(raw.Speed[r] >= 0.8 * raw.PitLimit)) problems.Add(Inv($"limiter call at {raw.Speed[r] * 3.6:0.0} km/h, not near the {raw.PitLimit * 3.6:0.0} km/h limit"));
                break;
            case "PitSpeeding":
                if (raw.OnPit[r] != 1) problems.Add("speeding call off pit road");
                if (!(raw.Speed[r] > raw.PitLimit)) problems.Add(Inv($"speeding call at {raw.Speed[r] * 3.6:0.0} km/h under the {raw.PitLimit * 3.6:0.0} km/h limit"));
                break;
            case "PersonalBest":
                if (!Fact(e, "lapTime", out double pb)) problems.Add("a personal best without its time");
                else
                {
                    bool isBest = raw.Between(e.T - 1, e.T + 2).Any(k => Math.Abs(raw.LapBest[k] - pb) <= 0.0015);
                    bool improved = raw.BestDrops.Any(d => Math.Abs(d.Best - pb) <= 0.0015);
                    if (!isBest) problems.Add(Inv($"personal best {pb} but LapBestLapTime is {raw.LapBest[r]:0.000}"));
                    else if (!improved) problems.Add(Inv($"personal best {pb} but the sim's best did not drop to it"));
                }
                break;
            case "Spin":
                if (!Evidence(raw, e.T, k => raw.OutOfControl(k, 20, 2, 30), 2))
                    problems.Add("spin, but no sideslip ≥ 20° (or yaw rate ≥ 2 rad/s) at speed and no +2x incident in the 3 s before");
                break;
            case "Contact":
                if (!Evidence(raw, e.T, k => raw.HorizontalG(k) >= 4, 4))
                    problems.Add("contact, but no horizontal g ≥ 4 and no +4x incident in the 3 s before");
                break;
            case "OffTrack":
                if (!Evidence(raw, e.T, k => raw.Surface[k] == 0, 1))
                    problems.Add("off track, but PlayerTrackSurface never OffTrack and no incident point in the 3 s before");
                break;
            case "CarComing":
                if (!raw.Raw.Has("CarIdxLapDistPct")) problems.Add("car coming, but the recording has no other cars");
                break;
        }
    }

    private static bool Evidence(RawTimeline raw, double t, Func<int, bool> physics, int incidentStep) =>
        raw.Between(t - 3, t + 0.002).Any(physics) || raw.IncidentJumps.Any(j => j.Added >= incidentStep && j.T >= t - 3 && j.T <= t + 0.002);

    /// <summary>
    /// What a human engineer would speak about, found in the raw channels: a spin, an off, a hit or incident points
    /// (one moment per episode), a new best, each lap's time, speeding in the pit lane.
    /// </summary>
    public static List<Moment> FindMoments(RawTimeline raw)
    {
        var triggers = new List<(double T, string What)>();
        foreach (var j in raw.IncidentJumps) triggers.Add((j.T, $"+{j.Added}x incident points"));
        int slipRun = 0;
        for (int r = 0; r < raw.N; r++)
        {
            if (!raw.InWorld[r] || raw.OnPit[r] == 1) { slipRun = 0; continue; }
            slipRun = raw.OutOfControl(r, 30, 3, 50) ? slipRun + 1 : 0;
            if (slipRun == 3)
                triggers.Add((raw.T[r], Inv($"loss of control (sideslip {raw.SlipDegrees(r):0}°, yaw {raw.YawRate[r]:0.0} rad/s at {raw.Speed[r] * 3.6:0} km/h)")));
            if (raw.HorizontalG(r) >= 6) triggers.Add((raw.T[r], Inv($"impact ({raw.HorizontalG(r):0.0} g)")));
            if (r > 0 && raw.InWorld[r - 1] && raw.Surface[r - 1] == 3 && raw.Surface[r] == 0 && raw.Speed[r] >= 20 / 3.6)
                triggers.Add((raw.T[r], "off the track (PlayerTrackSurface)"));
        }
        triggers.Sort((a, b) => a.T.CompareTo(b.T));
        var moments = new List<Moment>();
        var incidents = new List<Moment>();
        double episodeEnd = double.NegativeInfinity;
        foreach (var (t, what) in triggers)
        {
            // One crash is one moment: everything within 5 s of the last trigger belongs to it.
            if (t <= episodeEnd + 5) { episodeEnd = t; continue; }
            episodeEnd = t;
            var m = new Moment(t, what, t - 3, t + 2, IncidentFamily);
            incidents.Add(m);
            moments.Add(m);
        }
        double end = raw.T[raw.N - 1];
        foreach (var d in raw.BestDrops) moments.Add(new Moment(d.T, Inv($"new best lap {d.Best:0.000}"), d.T - 0.5, d.T + 10, ["PersonalBest"]));
        foreach (var c in raw.Crossings)
        {
            if (double.IsNaN(c.Official) || raw.BestDrops.Any(d => Math.Abs(d.Best - c.Official) <= 0.0015)) continue;
            var m = new Moment(c.PublishedAt, Inv($"lap {c.LapDone} done in {c.Official:0.000}"), c.PublishedAt - 0.5, c.PublishedAt + 10, ["LapTime", "PersonalBest"]);
            // The engineer talks about the spin, not the lap time, and a recording that stops has no time left to say it.
            var crash = incidents.FirstOrDefault(i => i.T >= m.T - 2 && i.T <= m.To);
            if (crash is not null) m.Excused = Inv($"the incident at {crash.T:0.00} comes first");
            else if (end < m.T + 5) m.Excused = "the recording ends within 5 s";
            moments.Add(m);
        }
        double speedingSince = double.NaN;
        bool speedingCalledThisVisit = false;
        for (int r = 0; r < raw.N; r++)
        {
            bool onLane = raw.InWorld[r] && raw.OnPit[r] == 1 && raw.Surface[r] != 1;
            if (!onLane) { speedingSince = double.NaN; speedingCalledThisVisit &= raw.InWorld[r] && raw.OnPit[r] == 1; continue; }
            // Over the limit by more than 1 km/h for half a second: a drive-through in iRacing.
            if (!(raw.Speed[r] > raw.PitLimit + 1 / 3.6)) { speedingSince = double.NaN; continue; }
            if (double.IsNaN(speedingSince)) speedingSince = raw.T[r];
            if (raw.T[r] - speedingSince >= 0.5 && !speedingCalledThisVisit)
            {
                speedingCalledThisVisit = true;
                moments.Add(new Moment(raw.T[r], Inv($"speeding in the pit lane ({raw.Speed[r] * 3.6:0.0} km/h, limit {raw.PitLimit * 3.6:0.0})"),
                    raw.T[r] - 1, raw.T[r] + 2, ["PitSpeeding", "PitLimiterMissing"]));
            }
        }
        moments.Sort((a, b) => a.T.CompareTo(b.T));
        return moments;
    }

    public static void MatchMoments(List<Moment> moments, IEnumerable<RaisedEvent> events)
    {
        foreach (var m in moments)
            m.SaidBy = events.FirstOrDefault(e => e.T >= m.From && e.T <= m.To && m.Answers.Contains(e.Kind));
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
