namespace CrewChief.Review;

/// <summary>One once-a-second sample as the review plots it.</summary>
public readonly record struct ReviewSample(double T, int Lap, int Position, double Fuel, double GapAhead, double GapBehind,
    double WearFl, double WearFr, double WearRl, double WearRr, int Incidents, bool OnPitRoad);

/// <summary>One completed lap: time, fuel burnt, the model's litres-per-lap estimate after it, and why it is not clean.</summary>
public readonly record struct ReviewLap(int Lap, double T, double Time, double FuelUsed, double FuelEstimate, bool Clean, bool Pit,
    int Position, double GapAhead, double GapBehind);

/// <summary>A crew tyre measurement (% worn per corner).</summary>
public readonly record struct ReviewTyreMeasurement(double T, double Fl, double Fr, double Rl, double Rr);

/// <summary>A raised event (flags, incidents and the rest) at its session time.</summary>
public readonly record struct ReviewEvent(double T, string Kind, string Priority);

/// <summary>One callout as the log kept it, with its end-to-end latency (NaN when never played).</summary>
public sealed record ReviewCallout(double T, string Kind, string Priority, string Text, string Source, string Guard, string Outcome,
    double TotalMs, string? LlmNote);

/// <summary>Everything one session log holds that the review shows.</summary>
public sealed class ReviewData
{
    public string Source { get; set; } = "";
    public string Track { get; set; } = "";
    public string Car { get; set; } = "";
    public string SessionType { get; set; } = "";
    public string Started { get; set; } = "";
    public List<ReviewSample> Samples { get; } = [];
    public List<ReviewLap> Laps { get; } = [];
    public List<ReviewTyreMeasurement> TyreMeasurements { get; } = [];
    public List<(double T, double Loss)> PitStops { get; } = [];
    public List<ReviewEvent> Events { get; } = [];
    public List<ReviewCallout> Callouts { get; } = [];
    /// <summary>The file ended mid-record (a crash or a copy taken while writing); what came before is shown.</summary>
    public bool Truncated { get; set; }
    /// <summary>Laps came from the samples (an older log without lap records): times only where the sim reported them.</summary>
    public bool LapsDerived { get; set; }

    /// <summary>Sessions in the log before the one shown (the clock restarted).</summary>
    public int EarlierSessions { get; private set; }

    /// <summary>The session clock went back: a new session began; what was read so far was an earlier one.</summary>
    public void StartOver()
    {
        EarlierSessions++;
        Samples.Clear(); Laps.Clear(); TyreMeasurements.Clear(); PitStops.Clear(); Events.Clear(); Callouts.Clear();
    }

    public double BestLap
    {
        get
        {
            double best = double.NaN;
            foreach (var l in Laps) if (l.Clean && l.Time > 0 && !(l.Time >= best)) best = l.Time;
            return best;
        }
    }
}
